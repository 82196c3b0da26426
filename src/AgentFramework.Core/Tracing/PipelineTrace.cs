using System.Collections.Concurrent;

namespace AgentFramework.Tracing;

/// <summary>
/// Everything a pipeline run did: each model call (stage, tokens, latency, cached or not), each intermediate
/// artefact, and named counters (e.g. "ungrounded_passages"). Thread-safe: parallel stages record into one trace.
/// </summary>
public sealed class PipelineTrace
{
    private readonly ConcurrentQueue<ModelCallRecord> _calls = new();
    private readonly ConcurrentQueue<TraceArtifact> _artifacts = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();

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
