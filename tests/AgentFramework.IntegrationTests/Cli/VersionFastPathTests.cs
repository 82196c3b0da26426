using System.Text.Json;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Cli;

/// <summary>
/// <c>agentfw --version</c> alone skips building the command tree (issue 15, start-up); it must print what the
/// command tree's version option and the <c>version</c> command report: the informational version, one line.
/// </summary>
public sealed class VersionFastPathTests
{
    [Fact]
    public async Task Version_flag_prints_the_version_the_version_command_reports()
    {
        var ct = TestContext.Current.CancellationToken;
        var fast = await AgentFwProcess.RunAsync(Path.GetTempPath(), ["--version"], ct, limit: TimeSpan.FromMinutes(2));
        var command = await AgentFwProcess.RunAsync(Path.GetTempPath(), ["version", "--json"], ct, limit: TimeSpan.FromMinutes(2));

        Assert.Equal(0, fast.ExitCode);
        Assert.Equal(0, command.ExitCode);
        using var json = JsonDocument.Parse(command.StandardOutput);
        var version = json.RootElement.GetProperty("version").GetString();
        Assert.False(string.IsNullOrWhiteSpace(version));
        Assert.Equal(version + Environment.NewLine, fast.StandardOutput);
        Assert.Equal("", fast.StandardError);
    }
}
