using System.Reflection;
using AgentFramework.Cli;

// Start-up fast path (issue 15): `agentfw --version` alone prints what System.CommandLine's version option prints (the
// entry assembly's informational version) without building the command tree, which loads the framework's assemblies.
if (args is ["--version"])
{
    var entry = typeof(AgentFwCli).Assembly;
    Console.WriteLine(entry.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? entry.GetName().Version?.ToString() ?? "");
    return 0;
}

return await AgentFwCli.RunAsync(args);
