using AgentFramework.Errors;
using AgentFramework.Plugins.Prompts;

namespace AgentFramework.Tests.Agents;

public class PromptLibraryTests
{
    [Fact]
    public void Every_embedded_prompt_loads_with_temperature_zero_and_encoded_variables()
    {
        var library = new PromptLibrary();
        Assert.Contains("ChainOfAgents/QuestionWorker", PromptLibrary.EmbeddedFunctions);
        Assert.Contains("RetrieveThenReason/Extract", PromptLibrary.EmbeddedFunctions);
        Assert.Contains("FullContext/Answer", PromptLibrary.EmbeddedFunctions);
        Assert.True(PromptLibrary.EmbeddedFunctions.Count >= 10);
        foreach (var name in PromptLibrary.EmbeddedFunctions)
        {
            var parts = name.Split('/');
            var config = library.GetConfig(parts[0], parts[1]);
            Assert.False(config.AllowDangerouslySetContent);
            Assert.Contains("<message role=\"user\">", config.Template);
            var settings = config.DefaultExecutionSettings!.ExtensionData!;
            Assert.Equal("0", settings["temperature"].ToString());
            Assert.True(int.Parse(settings["max_tokens"].ToString()!) > 0);
        }
    }

    [Fact]
    public void A_prompts_folder_overrides_one_function_and_keeps_the_rest()
    {
        var dir = Directory.CreateTempSubdirectory("prompts");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir.FullName, "FullContext", "Answer"));
            File.WriteAllText(Path.Combine(folder.FullName, "skprompt.txt"), "<message role=\"user\">Q: {{$question}} D: {{$document}}</message>");
            var library = new PromptLibrary(dir.FullName);

            Assert.StartsWith("<message role=\"user\">Q:", library.GetConfig("FullContext", "Answer").Template);
            Assert.Equal("512", library.GetConfig("FullContext", "Answer").DefaultExecutionSettings!.ExtensionData!["max_tokens"].ToString());
            Assert.Contains("chain of agents", library.GetConfig("ChainOfAgents", "QuestionWorker").Template);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void A_missing_prompts_folder_is_a_user_error_naming_the_flag()
    {
        var error = Assert.Throws<InvalidOptionException>(() => new PromptLibrary("/nonexistent/prompts"));
        Assert.Equal("AgentFrameworkOptions.PromptsDirectory", error.Target);
        Assert.Equal("--prompts", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.FlagFor(error.Target));
    }
}
