using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>
/// Chat clients with scripted behaviour for testing the server's orchestration (queueing, cancellation, errors) only;
/// answers from a real model are tested in the end-to-end tests over the tiny ONNX export.
/// </summary>
internal sealed class ScriptedChatModel : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>> _answer;
    private int _calls;
    private int _running;
    private int _maxRunning;

    public ScriptedChatModel(Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>> answer) => _answer = answer;

    /// <summary>Answers "reply to: &lt;last message&gt;" after <paramref name="delay"/>.</summary>
    public static ScriptedChatModel Replying(TimeSpan delay) => new(async (m, ct) =>
    {
        await Task.Delay(delay, ct);
        return "reply to: " + m[^1].Text;
    });

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Most calls ever running at once (the server promises one).</summary>
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>Completed when a streaming generation was stopped before its end (cancelled, or abandoned by the server).</summary>
    public TaskCompletionSource StreamCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, streaming yields this many words ("w0 w1 …") with this pause, instead of the scripted answer.</summary>
    public (int Words, TimeSpan Pause)? EndlessStream { get; init; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            var list = messages.ToList();
            var text = await _answer(list, cancellationToken);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                FinishReason = ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = list.Sum(m => m.Text.Split(' ').Length), OutputTokenCount = text.Split(' ').Length },
            };
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (EndlessStream is { } endless)
        {
            Interlocked.Increment(ref _calls);
            // The server stops a stream either by cancelling the token (seen inside the pause) or, when the write
            // to a gone client fails first, by disposing this enumerator at its yield; both free the model.
            bool finished = false;
            try
            {
                for (int i = 0; i < endless.Words; i++)
                {
                    await Task.Delay(endless.Pause, cancellationToken);
                    yield return new ChatResponseUpdate(ChatRole.Assistant, (i == 0 ? "w" : " w") + i);
                }
                finished = true;
            }
            finally
            {
                if (!finished) StreamCancelled.TrySetResult();
            }
            yield break;
        }

        var response = await GetResponseAsync(messages, options, cancellationToken);
        var words = response.Text.Split(' ');
        for (int i = 0; i < words.Length; i++)
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]);
        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(response.Usage!)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}

/// <summary>Deterministic pseudo-embeddings (a hash of the text spread over 8 dimensions) for testing the endpoint's plumbing.</summary>
internal sealed class ScriptedEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    public static float[] VectorFor(string text)
    {
        var vector = new float[8];
        for (int i = 0; i < text.Length; i++) vector[i % 8] += text[i] / 1000f;
        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(VectorFor(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
