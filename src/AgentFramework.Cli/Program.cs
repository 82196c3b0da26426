using AgentFramework.Cli;

return await AgentFwCli.RunAsync(args);
