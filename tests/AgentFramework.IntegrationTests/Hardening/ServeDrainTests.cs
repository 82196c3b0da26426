using System.Net;
using System.Text;
using System.Text.Json;
using AgentFramework.IntegrationTests.Serving;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>
/// `agentfw serve` over the tiny Llama export, SIGTERMed while streams run and others wait in its queue: it exits 0
/// and every admitted request either completed (finish chunk, [DONE]) or ended with an error (an SSE error event then
/// [DONE], or a 503 in OpenAI's shape for one that never started); no connection is cut.
/// </summary>
public class ServeDrainTests
{
    [Fact]
    public async Task Sigterm_with_streams_in_flight_drains_and_exits_0()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = SharedData.TinyLlama;
        using var serve = await AgentFwServeProcess.StartAsync(ct, "--model", model, "--drain-seconds", "2", "--max-queue", "8");
        using var http = new HttpClient { BaseAddress = serve.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        async Task<string> StreamAsync(int i)
        {
            var body = JsonSerializer.Serialize(new
            {
                model = "tiny", stream = true, max_tokens = 1500,
                messages = new[] { new { role = "user", content = $"Request {i}: tell a long story about the sea." } },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var text = await response.Content.ReadAsStringAsync(ct); // throws if the connection is reset
            return $"{(int)response.StatusCode}\n{text}";
        }

        var requests = Enumerable.Range(0, 5).Select(StreamAsync).ToList();
        // SIGTERM once all five are admitted (one running, four queued): requests never admitted are not this test's.
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            wait.CancelAfter(TimeSpan.FromSeconds(60));
            while (true)
            {
                using var status = JsonDocument.Parse(await http.GetStringAsync("/v1/status", wait.Token));
                if (status.RootElement.GetProperty("running").GetInt32() + status.RootElement.GetProperty("waiting").GetInt32() >= 5
                    || requests.Any(r => r.IsCompleted)) break;
                await Task.Delay(5, wait.Token);
            }
        }
        var (exit, stderr) = await serve.SignalAndWaitAsync("TERM", ct);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.DoesNotContain("GetElementType", stderr); // no model session used after disposal

        int completed = 0, ended = 0, refused = 0;
        foreach (var outcome in await Task.WhenAll(requests))
        {
            var status = int.Parse(outcome[..3]);
            var body = outcome[4..];
            if (status == (int)HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(ServerFuzzTests.IsOpenAiError(body), body);
                refused++;
                continue;
            }
            Assert.Equal(200, status);
            var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
            Assert.Equal("[DONE]", events[^1]);
            if (ServerFuzzTests.IsOpenAiError(events[^2])) ended++;
            else { Assert.Contains("finish_reason\":\"", events[^2]); completed++; }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"completed {completed}, ended with an error event {ended}, refused with 503 {refused}");
    }
}
