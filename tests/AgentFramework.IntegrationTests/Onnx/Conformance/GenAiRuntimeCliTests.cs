using System.Text.Json;
using AgentFramework.IntegrationTests.Infrastructure;
using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.IntegrationTests.Onnx.Conformance;

/// <summary>
/// <c>agentfw generate --runtime genai|agentfw</c> and <c>model info</c> on a builder fixture, as a child process; and
/// ONNX Runtime telemetry: nothing is written under ~/.cache/Microsoft/DeveloperTools/ unless the user opts in.
/// </summary>
public sealed class GenAiRuntimeCliTests
{
    private static Task<AgentFwProcess.Outcome> RunCli(string[] args, Dictionary<string, string>? environment = null)
    {
        Assert.SkipUnless(File.Exists(Path.Combine(AppContext.BaseDirectory, "agentfw.dll")), "agentfw.dll is not beside the tests");
        return AgentFwProcess.RunAsync(Environment.CurrentDirectory, args, TestContext.Current.CancellationToken, environment: environment);
    }

    [Theory]
    [InlineData("llama-gqa-int4")]
    [InlineData("qwen2-fp32")]
    public async Task Generate_prints_the_same_text_on_both_runtimes(string fixture)
    {
        var folder = BuilderFixtureFolder.Ensure(BuilderFixture.Get(fixture));
        string[] Args(string runtime) => ["generate", "--model", folder, "--prompt", "Call me Ishmael. Some years ago", "--max-tokens", "16", "--runtime", runtime, "--json"];
        var ours = await RunCli(Args("agentfw"));
        var genai = await RunCli(Args("genai"));
        Assert.True(ours.ExitCode == 0, ours.StandardError);
        Assert.True(genai.ExitCode == 0, genai.StandardError);
        using var a = JsonDocument.Parse(ours.StandardOutput);
        using var b = JsonDocument.Parse(genai.StandardOutput);
        Assert.True(a.RootElement.GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal(a.RootElement.GetProperty("text").GetString(), b.RootElement.GetProperty("text").GetString());
        Assert.Equal(a.RootElement.GetProperty("completion_tokens").GetInt32(), b.RootElement.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Model_info_names_the_runtime_and_execution_provider()
    {
        var folder = BuilderFixtureFolder.Ensure(BuilderFixture.Get("phi3-longrope-int4"));
        var genai = await RunCli(["model", "info", folder, "--runtime", "genai"]);
        Assert.True(genai.ExitCode == 0, genai.StandardError);
        Assert.Contains("runtime:          genai on CPUExecutionProvider", genai.StandardOutput);
        Assert.Contains("LongRoPE: the graph switches to the long rotary factors past 4096 tokens", genai.StandardOutput);
        Assert.Contains("prefill computes logits for the last position only", genai.StandardOutput);
        var ours = await RunCli(["model", "info", folder]);
        Assert.Contains("runtime:          agentfw on CPUExecutionProvider", ours.StandardOutput);
    }

    [Fact]
    public async Task Unknown_runtime_is_a_user_error()
    {
        var folder = BuilderFixtureFolder.Ensure(BuilderFixture.Get("qwen2-int4"));
        var (code, _, stderr) = await RunCli(["generate", "--model", folder, "--prompt", "hi", "--runtime", "vllm"]);
        Assert.Equal(2, code);
        Assert.Contains("--runtime 'vllm' is not supported: use agentfw or genai", stderr);
    }

    [Fact]
    public async Task Device_cuda_without_cuda_names_what_is_missing_in_one_line()
    {
        var folder = BuilderFixtureFolder.Ensure(BuilderFixture.Get("qwen2-int4"));
        var (code, _, stderr) = await RunCli(["generate", "--model", folder, "--prompt", "hi", "--device", "cuda"]);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--device cuda", line);
        Assert.Contains("CUDA 13", line);
        Assert.Contains("cuDNN 9", line);
        Assert.Contains("NVIDIA driver", line);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Onnx_runtime_telemetry_writes_nothing_unless_opted_in(bool optIn)
    {
        // A child with its own HOME: our sessions and GenAI's are created, then the home is inspected.
        var folder = BuilderFixtureFolder.Ensure(BuilderFixture.Get("qwen2-int4"));
        var home = Directory.CreateTempSubdirectory("agentfw-home-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home };
            // ONNX Runtime writes no telemetry when CI is set (as it is in our CI), which would hide what the opt-in turns on.
            if (optIn) { environment["AGENTFW_ORT_TELEMETRY"] = "1"; environment["CI"] = ""; }
            var (code, _, stderr) = await RunCli(["generate", "--model", folder, "--prompt", "hi", "--max-tokens", "2", "--runtime", "genai"], environment);
            Assert.True(code == 0, stderr);
            var telemetry = Path.Combine(home, ".cache", "Microsoft", "DeveloperTools");
            // Opted in, ONNX Runtime writes its device id there: the check can see the files it guards against.
            Assert.Equal(optIn, Directory.Exists(telemetry));
        }
        finally { Directory.Delete(home, recursive: true); }
    }
}
