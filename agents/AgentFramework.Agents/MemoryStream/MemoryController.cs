using AgentFramework.Citations;
using AgentFramework.Retrieval.Memory;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// The Self-Controlled Memory controller over one document's memory stream. It decides what the agent sees each step:
/// flash memory (the latest entries and the running summary) and archived memory (the top-m older entries by
/// <see cref="MemoryScorer"/>). Retrieving an entry counts as using it, which refreshes its recency. It also keeps the
/// importance written since the last reflection, so the pipeline knows when to reflect.
/// </summary>
public sealed class MemoryController
{
    private readonly MemoryStreamOptions _options;
    private readonly List<MemoryEntry> _entries = [];
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);
    private int _lastReflectionEntryCount;

    public MemoryController(MemoryStreamOptions options, DocumentMemory? restored = null)
    {
        _options = options;
        if (restored is null) return;
        foreach (var entry in restored.Entries) Append(entry);
        Step = restored.Step;
        RunningSummary = restored.RunningSummary;
        _lastReflectionEntryCount = _entries.Count;
    }

    /// <summary>The current step: one per chunk read, one per question answered.</summary>
    public int Step { get; private set; }

    public string RunningSummary { get; private set; } = "";

    public IReadOnlyList<MemoryEntry> Entries => _entries;

    /// <summary>Importance of the observations written since the last reflection.</summary>
    public int ImportanceSinceReflection { get; private set; }

    public bool ReflectionDue => ImportanceSinceReflection >= _options.ReflectionThreshold && _entries.Count > _lastReflectionEntryCount;

    public int AdvanceStep() => ++Step;

    public void UpdateSummary(string summary) => RunningSummary = summary;

    /// <summary>Flash memory: the latest entries, oldest first (they are shown in the order they were written).</summary>
    public IReadOnlyList<MemoryEntry> Flash() =>
        _entries.Skip(Math.Max(0, _entries.Count - _options.FlashEntries)).ToList();

    /// <summary>
    /// Archived memory: the top-m entries for <paramref name="focus"/> among those not in flash memory (or among all
    /// entries when <paramref name="includeFlash"/>), each marked as used at the current step.
    /// </summary>
    public IReadOnlyList<ScoredMemory> Recall(ReadOnlySpan<float> focus, int? m = null, bool includeFlash = false)
    {
        var flashIds = includeFlash ? [] : Flash().Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var candidates = _entries.Where(e => !flashIds.Contains(e.Id)).ToList();
        var top = MemoryScorer.Rank(candidates, focus, Step, _options).Take(m ?? _options.ArchivedEntries).ToList();
        MarkUsed(top.Select(s => s.Entry.Id));
        return top;
    }

    /// <summary>Writes a new entry at the current step; observations count toward the reflection threshold.</summary>
    public MemoryEntry Add(MemoryEntryKind kind, string text, IReadOnlyList<Citation> citations, int importance, float[] embedding,
        IReadOnlyList<string>? sourceEntryIds = null)
    {
        var entry = new MemoryEntry($"m{_entries.Count + 1:0000}", kind, text, citations, Math.Clamp(importance, 1, 10), embedding,
            Step, Step, sourceEntryIds ?? []);
        Append(entry);
        if (kind == MemoryEntryKind.Observation) ImportanceSinceReflection += entry.Importance;
        return entry;
    }

    /// <summary>Observations written since the last reflection (what a reflection reflects on).</summary>
    public IReadOnlyList<MemoryEntry> SinceLastReflection() =>
        _entries.Skip(_lastReflectionEntryCount).Where(e => e.Kind == MemoryEntryKind.Observation).ToList();

    public void MarkReflected()
    {
        ImportanceSinceReflection = 0;
        _lastReflectionEntryCount = _entries.Count;
    }

    public void MarkUsed(IEnumerable<string> ids)
    {
        foreach (var id in ids)
            if (_indexById.TryGetValue(id, out var i)) _entries[i] = _entries[i] with { LastUsedStep = Step };
    }

    public MemoryEntry? Find(string id) => _indexById.TryGetValue(id, out var i) ? _entries[i] : null;

    public DocumentMemory Snapshot(string documentId, string readerKey) =>
        new(documentId, readerKey, RunningSummary, Step, _entries.ToList());

    private void Append(MemoryEntry entry)
    {
        _indexById[entry.Id] = _entries.Count;
        _entries.Add(entry);
    }
}
