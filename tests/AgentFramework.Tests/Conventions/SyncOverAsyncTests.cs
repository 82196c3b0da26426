using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace AgentFramework.Tests.Conventions;

/// <summary>
/// No library or CLI code blocks on a task (<c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>): the IL of
/// every method of the AgentFramework assemblies and agentfw is read, and a call to one of those outside an async state
/// machine (where <c>await</c> compiles to <c>GetResult</c> on a completed task) fails the test unless the method is on
/// the allow-list below with its reason.
/// </summary>
public partial class SyncOverAsyncTests
{
    /// <summary>"Namespace.Type.Method" → why blocking there is acceptable for now.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["AgentFramework.Agents.Execution.TemporarySqliteIndexFactory.Dispose"] =
            "a DI container disposed synchronously calls IDisposable.Dispose; DisposeAsync is the path a container disposed with await takes",
    };

    private static readonly (string Type, Regex Method)[] Blocking =
    [
        ("System.Threading.Tasks.Task", MethodName()),
        ("System.Threading.Tasks.Task`1", MethodName()),
        ("System.Threading.Tasks.ValueTask", ResultGetter()),
        ("System.Threading.Tasks.ValueTask`1", ResultGetter()),
        ("System.Runtime.CompilerServices.TaskAwaiter", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.TaskAwaiter`1", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter`1", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", AwaiterGetResult()),
        ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", AwaiterGetResult()),
    ];

    [GeneratedRegex("^(Wait|WaitAll|WaitAny|get_Result)$")] private static partial Regex MethodName();
    [GeneratedRegex("^get_Result$")] private static partial Regex ResultGetter();
    [GeneratedRegex("^GetResult$")] private static partial Regex AwaiterGetResult();

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static IEnumerable<Assembly> Scanned() =>
        Directory.GetFiles(AppContext.BaseDirectory, "AgentFramework.*.dll").Append(Path.Combine(AppContext.BaseDirectory, "agentfw.dll"))
            .Where(path => !Path.GetFileName(path).StartsWith("AgentFramework.Tests", StringComparison.Ordinal))
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)));

    [Fact]
    public void No_library_or_cli_method_blocks_on_a_task_outside_the_allow_list()
    {
        var assemblies = Scanned().ToList();
        Assert.Contains(assemblies, a => a.GetName().Name == "agentfw");
        Assert.Contains(assemblies, a => a.GetName().Name == "AgentFramework.Retrieval");
        var found = assemblies.SelectMany(BlockingCalls).ToList();
        var unexpected = found.Where(f => !Allowed.ContainsKey(f.Method)).Select(f => $"{f.Method} calls {f.Call}").Distinct().ToList();
        Assert.True(unexpected.Count == 0, "sync-over-async (await it instead, or add it to Allowed with a reason):\n" + string.Join("\n", unexpected));
        var stale = Allowed.Keys.Where(k => !found.Any(f => f.Method == k)).ToList();
        Assert.True(stale.Count == 0, "allow-list entries no longer needed: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_scan_finds_a_blocking_call_and_ignores_an_await()
    {
        var own = BlockingCalls(typeof(SyncOverAsyncTests).Assembly).Select(f => f.Method).ToList();
        Assert.Contains($"{typeof(Samples).FullName}.{nameof(Samples.Blocks)}", own);
        Assert.Contains($"{typeof(Samples).FullName}.{nameof(Samples.WaitsInLambda)}", own);
        Assert.DoesNotContain($"{typeof(Samples).FullName}.{nameof(Samples.AwaitsAsync)}", own);
    }

    private static class Samples
    {
        public static int Blocks() => Task.FromResult(1).GetAwaiter().GetResult();
        public static Action WaitsInLambda() => () => Task.Delay(1).Wait();
        public static async Task<int> AwaitsAsync() => await Task.FromResult(1).ConfigureAwait(false);
    }

    /// <summary>Blocking calls in the assembly: (the method as "Namespace.Type.Method", the call).</summary>
    private static IEnumerable<(string Method, string Call)> BlockingCalls(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = [.. e.Types.OfType<Type>()]; }
        foreach (var type in types)
        {
            if (typeof(IAsyncStateMachine).IsAssignableFrom(type)) continue; // await's own GetResult on a completed task
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                // The compiler's synchronous entry point for an async Main: the process has to wait for its task somewhere.
                if (method.Equals(assembly.EntryPoint) && method.Name.StartsWith('<')) continue;
                byte[]? il;
                try { il = method.GetMethodBody()?.GetILAsByteArray(); }
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException) { continue; }
                if (il is null) continue;
                foreach (var called in CalledMethods(method, il))
                {
                    var declaring = called.DeclaringType;
                    if (declaring is null) continue;
                    var name = (declaring.IsGenericType ? declaring.GetGenericTypeDefinition() : declaring).FullName;
                    if (Blocking.Any(b => b.Type == name && b.Method.IsMatch(called.Name)))
                        yield return (SourceName(method), $"{declaring.Name}.{called.Name}");
                }
            }
        }
    }

    /// <summary>The method a person wrote: a lambda or local function is reported as the method it is written in.</summary>
    private static string SourceName(MethodBase method)
    {
        var type = method.DeclaringType!;
        while (type.IsNested && type.Name.StartsWith('<')) type = type.DeclaringType!; // closure classes (<>c, <>c__DisplayClass)
        var name = method.Name.StartsWith('<') ? method.Name[1..method.Name.IndexOf('>')] : method.Name;
        return $"{type.FullName}.{name}";
    }

    private static IEnumerable<MethodBase> CalledMethods(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var opCode)) yield break; // not IL we can read: stop, do not guess
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                MethodBase? called = null;
                try { called = module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMethodException) { }
                if (called is not null) yield return called;
            }
            at += OperandSize(opCode, il, at);
        }
    }

    private static int OperandSize(OpCode opCode, byte[] il, int at) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
