namespace AgentFramework.Cli.Serving;

/// <summary>
/// One model, one request at a time, with a bounded line of waiting requests: at most <see cref="MaxWaiting"/> wait
/// behind the one running; a request beyond that is refused at once (HTTP 429) instead of piling up.
/// </summary>
public sealed class ModelGate(int maxWaiting)
{
    private readonly SemaphoreSlim _model = new(1, 1);
    private int _admitted; // running + waiting

    public int MaxWaiting { get; } = maxWaiting >= 0 ? maxWaiting : throw new ArgumentOutOfRangeException(nameof(maxWaiting));

    /// <summary>Requests admitted and not yet finished (the running one included).</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    public bool IsBusy => _model.CurrentCount == 0;

    /// <summary>
    /// Waits for the model. Returns null when the line is full; otherwise a lease that frees the model when disposed.
    /// Cancelling (the client went away) leaves the line without ever running.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _admitted) > MaxWaiting + 1)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }
        try
        {
            await _model.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(this);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }
    }

    private void Exit()
    {
        _model.Release();
        Interlocked.Decrement(ref _admitted);
    }

    private sealed class Lease(ModelGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Exit();
        }
    }
}
