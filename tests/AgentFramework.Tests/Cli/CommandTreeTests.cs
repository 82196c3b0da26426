using AgentFramework.Cli;

namespace AgentFramework.Tests.Cli;

/// <summary>A run builds only the subtree of the command it names (start-up, issue 15); the root's help still lists all.</summary>
public class CommandTreeTests
{
    [Fact]
    public void Each_command_built_alone_is_the_command_of_the_full_tree()
    {
        var all = AgentFwCli.Build().Subcommands.ToArray();
        Assert.True(all.Length >= 10);
        foreach (var command in all)
        {
            var alone = Assert.Single(AgentFwCli.Build(command.Name).Subcommands);
            Assert.Equal(command.Name, alone.Name);
            Assert.Equal(command.Options.Select(o => o.Name), alone.Options.Select(o => o.Name));
            Assert.Equal(command.Subcommands.Select(c => c.Name), alone.Subcommands.Select(c => c.Name));
        }
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("sumarize")]
    [InlineData("--help")]
    public void Arguments_that_do_not_start_with_a_command_build_every_command(string first)
    {
        Assert.Equal(AgentFwCli.Build().Subcommands.Select(c => c.Name), AgentFwCli.Build(first).Subcommands.Select(c => c.Name));
    }
}
