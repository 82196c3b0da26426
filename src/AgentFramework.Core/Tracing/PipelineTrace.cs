using System.Collections.Concurrent;

namespace AgentFramework.Tracing;

/// <summary>
/// Everything a pipeline run did: each model call (stage, tokens, latency, cached or not), each intermediate
/// artefact, named counters (e.g. "ungrounded_passages") and notices of degradation (<see cref="Warn"/>). Thread-safe: parallel stages record into one trace.
/// </summary>
public sealed class PipelineTrace
{
    private readonly ConcurrentQueue<ModelCallRecord> _calls = new();
    private readonly ConcurrentQueue<TraceArtifact> _artifacts = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();
    private readonly ConcurrentQueue<TraceNotice> _notices = new();

    public IReadOnlyList<ModelCallRecord> Calls => _calls.ToArray();
    public IReadOnlyList<TraceArtifact> Artifacts => _artifacts.ToArray();
    public IReadOnlyDictionary<string, long> Counters => new Dictionary<string, long>(_counters);

    public event Action<ModelCallRecord>? CallRecorded;

    public void RecordCall(ModelCallRecord call)
    {
        _calls.Enqueue(call);
        CallRecorded?.Invoke(call);
    }

    public void AddArtifact(TraceArtifact artifact) => _artifacts.Enqueue(artifact);

    /// <summary>
    /// Records that the run degraded (truncated, fell back, fell short): said in the trace and, by the CLI, on stderr.
    /// The same code and message twice is kept once, so parallel stages may warn freely.
    /// </summary>
    public void Warn(string code, string message)
    {
        var notice = new TraceNotice(code, message);
        lock (_notices)
            if (!_notices.Contains(notice)) _notices.Enqueue(notice);
    }

    /// <summary>
    /// The run's notices in the order raised, then one for calls replayed from the call cache (derived from the calls,
    /// so no pipeline can forget it).
    /// </summary>
    public IReadOnlyList<TraceNotice> Notices
    {
        get
        {
            var notices = _notices.ToList();
            int cached = CachedCallCount;
            if (cached > 0)
                notices.Add(new TraceNotice(TraceNoticeCodes.CachedReplay,
                    $"{cached} of {CallCount} model calls were replayed from the call cache, not generated now (ModelPipelineOptions.Cache = null runs them again)"));
            return notices;
        }
    }

    public void Increment(string counter, long by = 1) => _counters.AddOrUpdate(counter, by, (_, v) => v + by);

    public int CallCount => _calls.Count;
    public int CachedCallCount => _calls.Count(c => c.Cached);
    public long PromptTokens => _calls.Sum(c => (long)c.PromptTokens);
    public long CompletionTokens => _calls.Sum(c => (long)c.CompletionTokens);

    /// <summary>Prompt tokens the backends served from their prefix caches (part of <see cref="PromptTokens"/>).</summary>
    public long CachedPromptTokens => _calls.Sum(c => (long)c.CachedPromptTokens);

    /// <summary>Calls grouped by stage, in first-seen order.</summary>
    public IReadOnlyDictionary<string, StageSummary> Stages()
    {
        var result = new Dictionary<string, StageSummary>();
        foreach (var c in _calls)
        {
            result.TryGetValue(c.Stage, out var s);
            s ??= new StageSummary(0, 0, 0, 0, TimeSpan.Zero);
            result[c.Stage] = new StageSummary(s.Calls + 1, s.CachedCalls + (c.Cached ? 1 : 0),
                s.PromptTokens + c.PromptTokens, s.CompletionTokens + c.CompletionTokens, s.Latency + c.Latency,
                s.CachedPromptTokens + c.CachedPromptTokens);
        }
        return result;
    }
}

/// <summary>Totals for one pipeline stage.</summary>
public sealed record StageSummary(int Calls, int CachedCalls, long PromptTokens, long CompletionTokens, TimeSpan Latency, long CachedPromptTokens = 0);
