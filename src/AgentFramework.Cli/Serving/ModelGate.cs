namespace AgentFramework.Cli.Serving;

/// <summary>
/// One model, one request at a time, with a bounded line of waiting requests: at most <see cref="MaxWaiting"/> wait
/// behind the one running; a request beyond that is refused at once (HTTP 429) instead of piling up.
/// Admission (<see cref="Admit"/>) is separate from waiting for the model (<see cref="Admission.WaitTurnAsync"/>), so a
/// request is counted, and refused when the line is full, before its body is read, parsed or tokenised.
/// </summary>
public sealed class ModelGate(int maxWaiting)
{
    private readonly SemaphoreSlim _model = new(1, 1);
    private int _admitted; // running + waiting

    public int MaxWaiting { get; } = maxWaiting >= 0 ? maxWaiting : throw new ArgumentOutOfRangeException(nameof(maxWaiting));

    /// <summary>Requests admitted and not yet finished (the running one included).</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    public bool IsBusy => _model.CurrentCount == 0;

    /// <summary>A place in line, or null when the line is full. Dispose to leave the line (and free the model once running).</summary>
    public Admission? Admit()
    {
        if (Interlocked.Increment(ref _admitted) > MaxWaiting + 1)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }
        return new Admission(this);
    }

    /// <summary>
    /// Waits for the model. Returns null when the line is full; otherwise a lease that frees the model when disposed.
    /// Cancelling (the client went away) leaves the line without ever running.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        var admission = Admit();
        if (admission is null) return null;
        try
        {
            await admission.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            return admission;
        }
        catch
        {
            admission.Dispose();
            throw;
        }
    }

    public sealed class Admission : IDisposable
    {
        private readonly ModelGate _gate;
        private int _running, _disposed;

        internal Admission(ModelGate gate) => _gate = gate;

        /// <summary>Waits until this request has the model.</summary>
        public async Task WaitTurnAsync(CancellationToken cancellationToken)
        {
            await _gate._model.WaitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _running, 1);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (Volatile.Read(ref _running) == 1) _gate._model.Release();
            Interlocked.Decrement(ref _gate._admitted);
        }
    }
}
