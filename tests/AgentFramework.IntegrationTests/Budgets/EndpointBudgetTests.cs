using System.Net.Http.Json;
using System.Text.Json;
using AgentFramework.IntegrationTests.Serving;
using AgentFramework.Models;
using AgentFramework.Onnx;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Budgets;

/// <summary>
/// A real <c>agentfw serve --model</c> on the tiny Llama (2,048-token window) states its window and offers its tokenizer;
/// the client budgets with them, and every reading pipeline completes through <c>--endpoint</c> without an overflow.
/// </summary>
public sealed class EndpointBudgetTests
{
    [Fact]
    public async Task Serve_states_its_window_and_tokenizes_as_its_model_does_and_every_pipeline_fits_through_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        using var server = await AgentFwServeProcess.StartAsync(ct, "--model", SharedData.TinyLlama);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        // /v1/models: vLLM's max_model_len.
        var models = await http.GetFromJsonAsync<JsonElement>("/v1/models", ct);
        Assert.Equal(model.ContextLength, models.GetProperty("data")[0].GetProperty("max_model_len").GetInt32());

        // /tokenize, vLLM shape (prompt and messages) and llama.cpp shape (content); /detokenize round-trips.
        const string Text = "Call me Ishmael.\fSome years ago <|eot_id|> &#252;";
        var vllm = await Post(http, "/tokenize", new { model = "any", prompt = Text, add_special_tokens = false }, ct);
        Assert.Equal(model.Tokenizer.Encode(Text), vllm.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(model.ContextLength, vllm.GetProperty("max_model_len").GetInt32());
        var messages = new[] { new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, Text) };
        var chat = await Post(http, "/tokenize", new { model = "any", messages = messages.Select(m => new { role = m.Role.Value, content = m.Text }) }, ct);
        Assert.Equal(model.EncodePrompt(model.ChatTemplate.Render(messages)).Length, chat.GetProperty("count").GetInt32());
        var llama = await Post(http, "/tokenize", new { content = Text }, ct);
        var ids = llama.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        Assert.Equal(model.Tokenizer.Encode(Text), ids);
        var back = await Post(http, "/detokenize", new { tokens = ids }, ct);
        Assert.Equal(model.Tokenizer.Decode(ids, skipSpecial: false), back.GetProperty("prompt").GetString());
        Assert.Equal(back.GetProperty("prompt").GetString(), back.GetProperty("content").GetString());

        // The client's budget: the server's window and tokenizer, counting a chat prompt exactly as the model encodes it.
        var endpoint = EndpointOptions.Parse(new Uri(server.BaseAddress, "/v1").ToString(), null, null);
        var budget = EndpointBudgets.Discover(endpoint, contextLength: 100_000, TimeSpan.FromSeconds(10));
        Assert.True(budget.ServerTokenizer && budget.ServerWindow, budget.Description);
        Assert.Equal(model.ContextLength, budget.Profile.ContextLength);
        Assert.Equal(model.EncodePrompt(model.ChatTemplate.Render(messages)).Length, budget.Profile.PromptCounter.CountPromptTokens(messages));
        Assert.Equal(model.Tokenizer.Encode(Text).Length, budget.Profile.TokenCounter.CountTokens(Text));

        // Every reading pipeline through --endpoint: exit 0, no fallback notice, and no call over the stated window.
        var folder = Directory.CreateTempSubdirectory("agentfw-endpoint-budget-");
        try
        {
            var moby = await File.ReadAllTextAsync(SharedData.RequireFile("data/moby-dick/moby-dick.txt"), ct);
            var book = Path.Combine(folder.FullName, "excerpt.txt");
            await File.WriteAllTextAsync(book, moby.Substring(30_000, 9_000), ct);
            string[][] runs =
            [
                ["summarize", book, "--pipeline", "chain-of-agents", "--unit-tokens", "64", "--max-output-tokens", "32"],
                ["summarize", book, "--pipeline", "full-context", "--max-output-tokens", "32"],
                ["ask", book, "-q", "What did Ishmael do?", "--pipeline", "retrieve-then-reason", "--top-k", "2", "--max-output-tokens", "32"],
                ["ask", book, "-q", "What did Ishmael do?", "--pipeline", "memory-stream", "--max-output-tokens", "32"],
            ];
            foreach (var run in runs)
            {
                var pipeline = run[Array.IndexOf(run, "--pipeline") + 1];
                var trace = Path.Combine(folder.FullName, $"{run[0]}-{pipeline}.json");
                var outcome = await AgentFwServeProcess.RunAsync(ct, [.. run, "--endpoint", endpoint.BaseUrl.ToString(), "--no-cache", "--trace", trace]);
                Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', run)}: exit {outcome.ExitCode}: {outcome.StandardError}");
                Assert.DoesNotContain("offers no /tokenize", outcome.StandardError);
                using var json = JsonDocument.Parse(await File.ReadAllTextAsync(trace, ct));
                var calls = json.RootElement.GetProperty("call_records").EnumerateArray().ToList();
                Assert.NotEmpty(calls);
                foreach (var call in calls)
                {
                    Assert.False(call.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null, $"{pipeline}: {call}");
                    Assert.True(call.GetProperty("prompt_tokens").GetInt32() + call.GetProperty("completion_tokens").GetInt32() <= model.ContextLength, $"{pipeline}: {call}");
                }
                Assert.False(json.RootElement.GetProperty("summary").TryGetProperty("counters", out var counters) && counters.TryGetProperty("overflow_retries", out _), $"{pipeline} needed an overflow retry");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement> Post(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
