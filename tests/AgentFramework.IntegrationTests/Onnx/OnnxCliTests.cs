using System.Text.Json;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>agentfw model info / generate end to end, as a separate process (the real exit codes and streams).</summary>
public sealed class OnnxCliTests
{
    private static Task<AgentFwProcess.Outcome> RunCli(params string[] args)
    {
        Assert.SkipUnless(File.Exists(Path.Combine(AppContext.BaseDirectory, "agentfw.dll")), "agentfw.dll is not beside the tests");
        return AgentFwProcess.RunAsync(Environment.CurrentDirectory, args, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Generate_json_prints_one_object_with_text_tokens_and_speed()
    {
        var (code, stdout, stderr) = await RunCli("generate", "--model", SharedData.TinyLlama, "--prompt", "Call me Ishmael.", "--max-tokens", "12", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("text").GetString()));
        Assert.True(root.GetProperty("prompt_tokens").GetInt32() > 5);
        Assert.InRange(root.GetProperty("completion_tokens").GetInt32(), 1, 12);
        Assert.True(root.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.True(root.TryGetProperty("decode_tokens_per_s", out _));
    }

    [Fact]
    public async Task Generate_text_mode_prints_the_reply_then_the_figures()
    {
        var prompt = Path.GetTempFileName();
        try
        {
            File.WriteAllText(prompt, "The sea was calm.");
            var (code, stdout, stderr) = await RunCli("generate", "--model", SharedData.TinyGpt2, "--prompt-file", prompt, "--max-tokens", "8", "--chat-template", "chatml");
            Assert.True(code == 0, stderr);
            Assert.Matches(@"prompt tokens: \d+, completion tokens: [1-8], ttft: [\d.]+ ms, decode: [\d.]+ tok/s", stdout);
        }
        finally { File.Delete(prompt); }
    }

    [Fact]
    public async Task Model_info_states_the_prefix_cache_bound_and_prefix_cache_mb_sets_it()
    {
        var (code, stdout, stderr) = await RunCli("model", "info", SharedData.TinyLlama);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"prefix cache:\s+\d+ MiB, LRU; holds \d+ prompt tokens of KV \(a whole context window", stdout);

        (code, stdout, stderr) = await RunCli("model", "info", SharedData.TinyLlama, "--prefix-cache-mb", "1", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1024 * 1024, json.RootElement.GetProperty("prefix_cache_bytes").GetInt64());

        (code, _, stderr) = await RunCli("model", "info", SharedData.TinyLlama, "--prefix-cache-mb", "-5");
        Assert.Equal(2, code);
        Assert.Contains("--prefix-cache-mb", stderr);
    }

    [Fact]
    public async Task Model_info_reports_layout_tokenizer_and_notes()
    {
        var (code, stdout, stderr) = await RunCli("model", "info", SharedData.TinyGpt2);
        Assert.True(code == 0, stderr);
        Assert.Contains("combined past_%d", stdout);
        Assert.Contains("byte-level-bpe (tokenizer.json)", stdout);
        Assert.Contains("ids are mapped with id % 1000", stdout);
    }

    [Theory]
    [InlineData("generate --prompt hi", "--model is required")]
    [InlineData("generate --model {llama} --prompt hi --device cuda", "no CUDA support")]
    [InlineData("generate --model {llama} --prompt hi --chat-template vicuna", "--chat-template 'vicuna' is unknown")]
    [InlineData("generate --model {llama}", "give the message with --prompt TEXT or --prompt-file FILE")]
    [InlineData("model info /nonexistent/model", "model folder not found")]
    public async Task User_errors_exit_2_with_one_line(string args, string expected)
    {
        var (code, _, stderr) = await RunCli(args.Replace("{llama}", SharedData.TinyLlama).Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
