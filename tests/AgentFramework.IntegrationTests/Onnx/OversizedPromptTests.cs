using System.Net;
using System.Text;
using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.IntegrationTests.Serving;
using AgentFramework.Onnx;
using AgentFramework.Onnx.Tokenization;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>
/// A prompt that cannot fit the context window is refused before it is tokenised (issue 16): a lower bound on its
/// token count from its characters and the vocabulary's longest piece proves it too long, with the same error the
/// exact check gives (a ModelException in process, HTTP 400 from serve). The bound must never exceed the real count.
/// </summary>
public sealed class OversizedPromptTests
{
    // About 4 MB of ordinary prose with some whitespace and digits: what a pasted document looks like.
    private static string FourMegabytes()
    {
        var line = "Call me Ishmael.  Some years ago - never mind how long precisely - having 1 or 22 dollars in my purse.\n";
        var text = new StringBuilder(4 * 1024 * 1024 + line.Length);
        while (text.Length < 4 * 1024 * 1024) text.Append(line);
        return text.ToString();
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("gpt2")]
    public void The_bound_never_exceeds_the_real_token_count(string which)
    {
        var tokenizer = TokenizerLoader.Load(which == "llama" ? SharedData.TinyLlama : SharedData.TinyGpt2);
        var random = new Random(12);
        string[] alphabet = ["a", "b", "Z", "1", "99", " ", "  ", "\t", "\n", ".", "é", "日本", "😀", "▁", "<s>", "</s>", "<|endoftext|>", "the ", " whale", "                ", "-----", "----------------", "ÃÂÃÂ", "=", "**"];
        var texts = new List<string> { "", " ", "x", new string(' ', 500), new string('a', 500), string.Concat(Enumerable.Repeat("▁▁▁▁▁▁▁▁", 40)) };
        for (int i = 0; i < 300; i++)
            texts.Add(string.Concat(Enumerable.Range(0, random.Next(1, 120)).Select(_ => alphabet[random.Next(alphabet.Length)])));
        foreach (var text in texts)
        {
            int real = PromptEncoder.Encode(tokenizer, text).Count;
            int asContent = PromptEncoder.Encode(tokenizer, text, Enumerable.Repeat(true, text.Length).ToArray()).Count;
            long bound = TokenCountBound.AtLeast(tokenizer, text);
            Assert.True(bound <= Math.Min(real, asContent), $"bound {bound} > {Math.Min(real, asContent)} tokens for {JsonSerializer.Serialize(text)}");
        }
        // It is a useful bound, not zero: long prose is proven to need many tokens.
        Assert.True(TokenCountBound.AtLeast(tokenizer, FourMegabytes()) > 100_000, $"{TokenCountBound.AtLeast(tokenizer, FourMegabytes())}");
    }

    [Fact]
    public async Task A_4_MB_prompt_is_refused_in_process_before_tokenising()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama, new OnnxModelOptions { PrefixCacheBytes = 0 });
        using var client = new OnnxChatClient(model);
        List<ChatMessage> messages = [new(ChatRole.User, FourMegabytes())];

        long before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.Throws<ModelException>(() => client.PreparePrompt(messages));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("at least", refused.Message);
        Assert.Contains($"context length of {model.ContextLength}", refused.Message);
        // Rendering copies the text a few times; tokenising it would allocate far more (its ids, pieces and merges).
        Assert.True(allocated < 200L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated");

        // The async client says the same (the caller sees one error type for "too long").
        await Assert.ThrowsAsync<ModelException>(() => client.GetResponseAsync(messages, cancellationToken: TestContext.Current.CancellationToken));

        // A prompt that fits is not refused by the bound: it goes on to the exact check and generates.
        var fits = await client.GetResponseAsync([new(ChatRole.User, string.Concat(Enumerable.Repeat("whale ", 300)))],
            new ChatOptions { MaxOutputTokens = 2 }, TestContext.Current.CancellationToken);
        Assert.True(fits.Usage?.InputTokenCount > 300);
    }

    [Fact]
    public async Task Serve_answers_a_4_MB_prompt_with_400_and_stays_responsive()
    {
        var ct = TestContext.Current.CancellationToken;
        using var serve = await AgentFwServeProcess.StartAsync(ct, "--model", SharedData.TinyLlama);
        using var http = new HttpClient { BaseAddress = serve.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var huge = FourMegabytes();
        foreach (var stream in new[] { false, true })
        {
            using var refused = await http.PostAsync("/v1/chat/completions", RunningServer.Json(RunningServer.ChatBody(huge, stream)), ct);
            var body = await refused.Content.ReadAsStringAsync(ct);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode}: {body[..Math.Min(300, body.Length)]}");
            var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
            Assert.Contains("at least", error.GetProperty("message").GetString());
        }
        Assert.Contains("\"status\":\"ok\"", await http.GetStringAsync("/health", ct));
        using var small = await http.PostAsync("/v1/chat/completions",
            RunningServer.Json(new { model = "any", messages = new[] { new { role = "user", content = "Call me Ishmael." } }, max_tokens = 4 }), ct);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        long peak = serve.PeakRssBytes();
        var (exit, stderr) = await serve.SignalAndWaitAsync("TERM", ct);
        Assert.True(exit == 0, stderr);
        // The bound serve states at startup holds through the 4 MB requests.
        var stated = System.Text.RegularExpressions.Regex.Match(stderr, @"memory bound ([\d,]+) MiB RSS");
        Assert.True(stated.Success, stderr);
        long boundMib = long.Parse(stated.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(peak >> 20 <= boundMib, $"peak RSS {peak >> 20} MiB > stated bound {boundMib} MiB");
    }
}
