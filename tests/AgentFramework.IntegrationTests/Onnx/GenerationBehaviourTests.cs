using AgentFramework.Errors;
using AgentFramework.Onnx;
using AgentFramework.Onnx.Generation;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Onnx;

public sealed class GenerationBehaviourTests
{
    private static string Folder(string which) => which == "llama" ? SharedData.TinyLlama : SharedData.TinyGpt2;

    private static async Task<List<int>> Generate(OnnxModel model, int[] prompt, GenerationRequest request)
    {
        var tokens = new List<int>();
        await foreach (var t in model.Generator.GenerateAsync(prompt, request, new GenerationStats(), TestContext.Current.CancellationToken)) tokens.Add(t);
        return tokens;
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("gpt2")]
    public async Task Greedy_decoding_is_deterministic_and_respects_max_tokens(string which)
    {
        using var model = OnnxModel.Load(Folder(which), new OnnxModelOptions { PrefixCacheBytes = 0 });
        var prompt = model.EncodeText("The whale swam slowly towards the ship");
        var request = new GenerationRequest { MaxNewTokens = 20 };
        var first = await Generate(model, prompt, request);
        var second = await Generate(model, prompt, request);
        Assert.Equal(first, second);
        Assert.InRange(first.Count, 1, 20);
        Assert.All(first, t => Assert.InRange(t, 0, model.Runner.Guard.GraphVocabularySize - 1));
    }

    [Fact]
    public async Task Seeded_sampling_is_reproducible_and_differs_from_greedy()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama, new OnnxModelOptions { PrefixCacheBytes = 0 });
        var prompt = model.EncodeText("The whale swam slowly towards the ship");
        var sampled = new GenerationRequest { MaxNewTokens = 24, Sampling = new SamplingSettings { Temperature = 1.5f, TopK = 50, TopP = 0.95f, Seed = 7 } };
        var a = await Generate(model, prompt, sampled);
        var b = await Generate(model, prompt, sampled);
        var greedy = await Generate(model, prompt, new GenerationRequest { MaxNewTokens = 24 });
        Assert.Equal(a, b);
        Assert.NotEqual(greedy, a);
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("gpt2")]
    public async Task Prefix_cache_changes_no_output_and_reuses_the_shared_prefix(string which)
    {
        var document = string.Join(" ", Enumerable.Repeat("Call me Ishmael. Some years ago, never mind how long precisely, having little money in my purse.", 4));
        string[] questions = ["Who is the narrator?", "How much money did he have?", "When did this happen?"];

        using var plain = OnnxModel.Load(Folder(which), new OnnxModelOptions { PrefixCacheBytes = 0 });
        using var cached = OnnxModel.Load(Folder(which));
        int reusedTotal = 0;
        foreach (var question in questions)
        {
            var prompt = plain.EncodeText(document + "\n\nQuestion: " + question + "\nAnswer:");
            var request = new GenerationRequest { MaxNewTokens = 16 };
            var expected = await Generate(plain, prompt, request);
            var stats = new GenerationStats();
            var actual = new List<int>();
            await foreach (var t in cached.Generator.GenerateAsync(prompt, request, stats, TestContext.Current.CancellationToken)) actual.Add(t);
            Assert.Equal(expected, actual);
            reusedTotal += stats.ReusedPromptTokens;
        }
        // The second and third questions reuse the document's KV state.
        Assert.True(reusedTotal > plain.EncodeText(document).Length, $"reused only {reusedTotal} tokens");
    }

    [Fact]
    public async Task Overflowing_prompt_names_prompt_tokens_reserved_tokens_and_context()
    {
        using var model = OnnxModel.Load(SharedData.TinyGpt2);
        using var client = new OnnxChatClient(model);
        var longText = string.Join(" ", Enumerable.Repeat("whale", 600));
        var error = await Assert.ThrowsAsync<ModelException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, longText)],
            new ChatOptions { MaxOutputTokens = 100 }, TestContext.Current.CancellationToken));
        Assert.Matches(@"the prompt is \d+ tokens and 100 output tokens are reserved .*context length of 512 tokens", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Streaming_updates_concatenate_to_the_non_streaming_text_and_end_with_usage()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        using var client = new OnnxChatClient(model);
        ChatMessage[] messages = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "Name a whale.")];
        var options = new ChatOptions { MaxOutputTokens = 16 };
        var response = await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync(messages, options, TestContext.Current.CancellationToken)) updates.Add(u);
        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(response.Usage!.OutputTokenCount, usage.Details.OutputTokenCount);
        Assert.NotNull(updates[^1].FinishReason);
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("onnx", metadata!.ProviderName);
        Assert.Equal(model.ModelId, metadata.DefaultModelId);
    }

    [Fact]
    public async Task Stop_sequence_cuts_the_text_before_it()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        using var client = new OnnxChatClient(model);
        ChatMessage[] messages = [new(ChatRole.User, "Tell me about whales.")];
        var full = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 30 }, TestContext.Current.CancellationToken);
        Assert.True(full.Text.Length >= 6, $"text too short to pick a stop sequence: '{full.Text}'");
        var stop = full.Text.Substring(full.Text.Length / 2, 3);
        var cut = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 30, StopSequences = [stop] }, TestContext.Current.CancellationToken);
        Assert.Equal(full.Text[..full.Text.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
    }

    [Fact]
    public async Task Concurrent_callers_are_serialised_and_get_the_same_greedy_answer()
    {
        using var model = OnnxModel.Load(SharedData.TinyGpt2);
        using var client = new OnnxChatClient(model);
        var options = new ChatOptions { MaxOutputTokens = 10 };
        var tasks = Enumerable.Range(0, 4).Select(_ => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello there")], options, TestContext.Current.CancellationToken));
        var texts = (await Task.WhenAll(tasks)).Select(r => r.Text).ToArray();
        Assert.All(texts, t => Assert.Equal(texts[0], t));
    }

    [Fact]
    public async Task Cancellation_stops_generation()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        using var cts = new CancellationTokenSource();
        var prompt = model.EncodeText("The sea");
        int count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in model.Generator.GenerateAsync(prompt, new GenerationRequest { MaxNewTokens = 500 }, new GenerationStats(), cts.Token))
                if (++count == 3) cts.Cancel();
        });
        Assert.Equal(3, count);
    }
}
