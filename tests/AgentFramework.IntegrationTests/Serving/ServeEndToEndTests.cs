using System.Text.Json;
using AgentFramework.Cli.Serving;
using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Tests.Onnx;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>The real thing: the tiny Llama export through ONNX Runtime, served by <c>agentfw serve</c> over loopback.</summary>
public class ServeEndToEndTests
{
    [Fact]
    public async Task Generate_over_the_endpoint_returns_the_same_greedy_tokens_as_the_local_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = SharedData.TinyLlama;
        string[] generate = ["generate", "--prompt", "Call me Ishmael. Some years ago", "--max-tokens", "24", "--json"];

        var local = await AgentFwServeProcess.RunAsync(ct, [.. generate, "--model", model]);
        Assert.True(local.ExitCode == 0, local.StandardError);

        using var serve = await AgentFwServeProcess.StartAsync(ct, "--model", model);
        var remote = await AgentFwServeProcess.RunAsync(ct, [.. generate, "--endpoint", new Uri(serve.BaseAddress, "/v1").ToString(), "--no-cache"]);
        Assert.True(remote.ExitCode == 0, remote.StandardError);

        var l = JsonDocument.Parse(local.StandardOutput).RootElement;
        var r = JsonDocument.Parse(remote.StandardOutput).RootElement;
        Assert.Equal(24, l.GetProperty("completion_tokens").GetInt32());
        Assert.False(string.IsNullOrEmpty(l.GetProperty("text").GetString()));
        Assert.Equal(l.GetProperty("text").GetString(), r.GetProperty("text").GetString());
        Assert.Equal(l.GetProperty("completion_tokens").GetInt32(), r.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(l.GetProperty("prompt_tokens").GetInt32(), r.GetProperty("prompt_tokens").GetInt32());

        var (exit, stderr) = await serve.SignalAndWaitAsync("TERM", ct);
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public async Task Served_embeddings_equal_the_local_encoders()
    {
        var ct = TestContext.Current.CancellationToken;
        var encoder = Directory.CreateTempSubdirectory("agentfw-encoder-").FullName;
        try
        {
            TinyEncoderWriter.WriteFolder(encoder);
            using var serve = await AgentFwServeProcess.StartAsync(ct, "--model", SharedData.TinyLlama, "--embedding-model", encoder);
            using var remote = EndpointChatClientFactory.CreateEmbeddingGenerator(new EndpointOptions(new Uri(serve.BaseAddress, "/v1"), "any"));
            using var local = AgentFramework.Onnx.Embeddings.OnnxEmbeddingGenerator.Load(encoder);
            string[] texts = ["the whale", "a harpoon and a boat", "the whale"];

            var served = await remote.GenerateAsync(texts, cancellationToken: ct);
            var direct = await local.GenerateAsync(texts, cancellationToken: ct);

            Assert.Equal(direct.Count, served.Count);
            for (int i = 0; i < texts.Length; i++) Assert.Equal(direct[i].Vector.ToArray(), served[i].Vector.ToArray());
            Assert.NotEqual(served[0].Vector.ToArray(), served[1].Vector.ToArray());
            Assert.Equal(0, (await serve.SignalAndWaitAsync("TERM", ct)).ExitCode);
        }
        finally
        {
            Directory.Delete(encoder, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_stops_cleanly_on_ctrl_c()
    {
        // A background job of a non-interactive shell starts with SIGINT ignored, its children inherit that, and .NET
        // keeps an ignored SIGINT ignored (as dotnet/runtime's own CancelKeyPressTests note): Ctrl+C cannot reach the server.
        Assert.SkipWhen(AgentFwServeProcess.InterruptIgnored(), "SIGINT is ignored in this test process (run as a background job), so the server it starts cannot receive Ctrl+C");
        var ct = TestContext.Current.CancellationToken;
        using var serve = await AgentFwServeProcess.StartAsync(ct, "--model", SharedData.TinyLlama);
        using var http = new HttpClient { BaseAddress = serve.BaseAddress };
        Assert.Contains("\"status\":\"ok\"", await http.GetStringAsync("/health", ct));
        var (exit, stderr) = await serve.SignalAndWaitAsync("INT", ct);
        Assert.True(exit == 0, stderr);
        Assert.Contains("stopping", stderr);
    }

    [Fact]
    public async Task Twenty_concurrent_requests_to_the_real_model_get_the_answers_each_gets_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var chat = new OnnxChatClient(OnnxModel.Load(SharedData.TinyLlama), ownsModel: true);
        var greedy = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };
        var prompts = Enumerable.Range(0, 20).Select(i => $"Question {i}: what is {i * 7 % 13} plus {i}?").ToArray();
        var alone = new List<string>();
        foreach (var prompt in prompts) alone.Add((await chat.GetResponseAsync(prompt, greedy, ct)).Text);
        Assert.True(alone.Distinct().Count() > 1, "the tiny model should answer different prompts differently");

        await using var server = await RunningServer.StartAsync(chat, new ServerOptions { MaxQueue = 32 });
        using var client = EndpointChatClientFactory.CreateChatClient(new EndpointOptions(server.ApiBase, "tiny"));
        var together = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync(p, greedy, ct)));

        Assert.Equal(alone, together.Select(r => r.Text));
    }
}
