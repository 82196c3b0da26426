using System.CommandLine;
using System.Reflection;
using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw version</c>: the framework version and runtime (same as <c>agentfw --version</c>).</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the agentfw version and .NET runtime.\nExample: agentfw version --json");
        CommandAction.Set(command, (_, settings, _) =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            if (settings.Json) CliJson.Write(new { Version = version, Runtime = Environment.Version.ToString() });
            else Console.WriteLine($"agentfw {version} (.NET {Environment.Version})");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
