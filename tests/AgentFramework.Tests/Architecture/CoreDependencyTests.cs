using System.Reflection;
using AgentFramework.Models;

namespace AgentFramework.Tests.Architecture;

/// <summary>
/// Core holds the abstractions and no model SDK: the OpenAI client and its System.ClientModel types live in
/// AgentFramework.Endpoints. Reads the assembly references compiled into Core, and those of every assembly it pulls in.
/// </summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] ModelSdks = ["OpenAI", "System.ClientModel", "Microsoft.Extensions.AI.OpenAI"];

    private static bool IsModelSdk(AssemblyName name) =>
        ModelSdks.Any(sdk => string.Equals(name.Name, sdk, StringComparison.Ordinal) || name.Name!.StartsWith(sdk + ".", StringComparison.Ordinal));

    /// <summary>Core's references and theirs, as far as they load (framework assemblies included).</summary>
    private static IReadOnlyDictionary<string, string> ReferenceClosure(Assembly root)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [root.GetName().Name!] = "" };
        var queue = new Queue<Assembly>([root]);
        while (queue.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.TryAdd(reference.Name!, assembly.GetName().Name!)) continue;
                if (IsModelSdk(reference)) continue; // recorded; no need to load it
                try { queue.Enqueue(Assembly.Load(reference)); }
                catch (FileNotFoundException) { } // a facade the runtime does not ship: nothing below it to check
            }
        }
        return seen;
    }

    [Fact]
    public void Core_references_no_OpenAI_or_System_ClientModel_assembly()
    {
        var core = typeof(RetryingChatClient).Assembly;
        Assert.Equal("AgentFramework.Core", core.GetName().Name);

        var direct = core.GetReferencedAssemblies().Where(IsModelSdk).Select(n => n.Name).ToList();
        Assert.True(direct.Count == 0, $"AgentFramework.Core references {string.Join(", ", direct)}; endpoint code belongs in AgentFramework.Endpoints");

        var indirect = ReferenceClosure(core).Where(kv => ModelSdks.Any(sdk => kv.Key == sdk || kv.Key.StartsWith(sdk + ".", StringComparison.Ordinal)))
            .Select(kv => $"{kv.Key} (through {kv.Value})").ToList();
        Assert.True(indirect.Count == 0, "AgentFramework.Core pulls in " + string.Join(", ", indirect));
    }

    [Fact]
    public void The_check_sees_the_sdk_where_it_is()
    {
        // The endpoint project does reference the OpenAI SDK: a check that found nothing there would be checking nothing.
        var endpoints = typeof(EndpointChatClientFactory).Assembly;
        Assert.Equal("AgentFramework.Endpoints", endpoints.GetName().Name);
        Assert.Contains(endpoints.GetReferencedAssemblies(), IsModelSdk);
    }
}
