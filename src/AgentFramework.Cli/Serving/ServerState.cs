using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// What the request handlers share: the one loaded model (and embedding model), their gates and options, and the
/// drain state: requests in flight, and a token cancelled when the drain time is over.
/// </summary>
internal sealed class ServerState(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>>? embeddings, ServerOptions options)
{
    private readonly CancellationTokenSource _drainOver = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _stopping;

    public IChatClient Chat { get; } = chat;
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; } = embeddings;
    public ServerOptions Options { get; } = options;
    public ModelGate ChatGate { get; } = new(options.MaxQueue);
    public ModelGate EmbeddingGate { get; } = new(options.MaxQueue);
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public ChatRequestCounters ChatCounters { get; } = new();

    /// <summary>True once shutdown began: new requests get 503, admitted ones run on.</summary>
    public bool Stopping => _stopping;

    /// <summary>Cancelled when the drain time is over: requests still running end with an error (event).</summary>
    public CancellationToken DrainOver => _drainOver.Token;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestEnded()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping) _idle.TrySetResult();
    }

    /// <summary>Marks shutdown and ends the drain after <paramref name="drain"/>; completes when no request is in flight.</summary>
    public Task BeginStopAsync(TimeSpan drain)
    {
        _stopping = true;
        _drainOver.CancelAfter(drain);
        if (InFlight == 0) _idle.TrySetResult();
        return _idle.Task;
    }
}
