using System.Text.Json;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>generate --json's prompt / prompt_ids / completion_ids, --messages and --raw, as a separate process.</summary>
public sealed class GeneratePromptCliTests
{
    private static Task<AgentFwProcess.Outcome> RunCli(params string[] args)
    {
        Assert.SkipUnless(File.Exists(Path.Combine(AppContext.BaseDirectory, "agentfw.dll")), "agentfw.dll is not beside the tests");
        return AgentFwProcess.RunAsync(Environment.CurrentDirectory, args, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Messages_file_renders_the_folders_template_and_raw_replays_the_same_ids()
    {
        var messages = Path.GetTempFileName();
        try
        {
            File.WriteAllText(messages, """[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi </s> there"}, {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Who?"}]""");
            var (code, stdout, stderr) = await RunCli("generate", "--model", SharedData.TinyLlama, "--messages", messages, "--max-tokens", "4", "--json");
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var prompt = doc.RootElement.GetProperty("prompt").GetString()!;
            Assert.Equal("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi </s> there [/INST] Hello. </s><s>[INST] Who? [/INST]", prompt);
            var ids = doc.RootElement.GetProperty("prompt_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(doc.RootElement.GetProperty("prompt_tokens").GetInt32(), ids.Length);
            Assert.Equal(1, ids.Count(id => id == 2));   // the template's </s> only; the user's "</s>" is text
            var completion = doc.RootElement.GetProperty("completion_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(doc.RootElement.GetProperty("completion_tokens").GetInt32(), completion.Length);

            // --raw with the printed prompt: the text is trusted, so its </s> and <s> are tokens, and the other ids are the same.
            var (rawCode, rawOut, rawErr) = await RunCli("generate", "--model", SharedData.TinyLlama, "--raw", "--prompt", prompt, "--max-tokens", "4", "--json");
            Assert.True(rawCode == 0, rawErr);
            using var raw = JsonDocument.Parse(rawOut);
            var rawIds = raw.RootElement.GetProperty("prompt_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(2, rawIds.Count(id => id == 2));
            Assert.True(raw.RootElement.GetProperty("completion_ids").GetArrayLength() >= 1);
        }
        finally { File.Delete(messages); }
    }

    [Theory]
    [InlineData("[{\"role\": \"wizard\", \"content\": \"x\"}]", "message 0 needs \"role\"")]
    [InlineData("{\"role\": \"user\"}", "expected a non-empty JSON array")]
    [InlineData("not json", "not valid JSON")]
    public async Task Bad_messages_files_exit_2_with_one_line(string json, string expected)
    {
        var messages = Path.GetTempFileName();
        try
        {
            File.WriteAllText(messages, json);
            var (code, _, stderr) = await RunCli("generate", "--model", SharedData.TinyLlama, "--messages", messages);
            Assert.Equal(2, code);
            Assert.Contains(expected, stderr);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        finally { File.Delete(messages); }
    }
}
