using System.Globalization;
using AgentFramework.Agents.Text;
using System.Text;
using System.Text.RegularExpressions;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Chunking;
using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Agents.Execution;
using AgentFramework.Retrieval.Memory;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// Memory-stream pipeline (Self-Controlled Memory with Generative Agents' retrieval score). One agent reads the chunks
/// in order; each step the <see cref="MemoryController"/> gives it flash memory (latest entries + running summary) and
/// archived memory (top-m entries for the chunk), and it writes a note with an importance rating. Reflections run when
/// enough importance has accumulated. The memory is saved in an <see cref="IMemoryStore"/> under the document id, so
/// later questions and summaries answer from memory without reading again.
/// </summary>
public sealed partial class MemoryStreamPipeline(
    PromptCaller caller,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IMemoryStore store,
    ModelProfile profile,
    MemoryStreamOptions options,
    ILogger<MemoryStreamPipeline>? logger = null)
{
    public const string Name = "memory-stream";
    private const string Prompts = "MemoryStream";
    private readonly ILogger _logger = logger ?? NullLogger<MemoryStreamPipeline>.Instance;

    /// <summary>Memory is stored per reader: another model or embedder reads the document afresh.</summary>
    public string ReaderKey =>
        $"{Name}/v1|{profile.ModelId}|{embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embedder.GetType().Name}";

    /// <summary>Answers <paramref name="question"/> from the document's memory, reading the chunks first only if no memory is stored.</summary>
    public async Task<MemoryStreamResult> AskAsync(Document document, IReadOnlyList<Chunk> chunks, string question,
        IProgress<ReadingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var trace = new PipelineTrace();
        using var _ = PipelineRunner.Ambient(trace);
        return await AnswerAsync(document, chunks, question, trace, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answering step behind both entry points, recording into the run's trace (made ambient by the caller).</summary>
    internal async Task<MemoryStreamResult> AnswerAsync(Document document, IReadOnlyList<Chunk> chunks, string question, PipelineTrace trace,
        IProgress<ReadingProgress>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question)) throw new ArgumentException("the question is empty", nameof(question));
        var (memory, fromStore) = await GetOrReadAsync(document, chunks, trace, progress, cancellationToken).ConfigureAwait(false);
        memory.AdvanceStep();
        var focus = await EmbedAsync(question, cancellationToken).ConfigureAwait(false);
        var recalled = memory.Recall(focus, options.ArchivedEntries, includeFlash: true).Select(s => s.Entry).ToList();
        var summary = TokenBudget.KeepStart(profile.TokenCounter, memory.RunningSummary, options.RunningSummaryTokens);
        int budget = await PromptBudgetAsync("Answer", options.AnswerOutputTokens, cancellationToken).ConfigureAwait(false) - Count(question) * 2 - Count(summary);
        var shown = FitEntries(recalled, budget);
        string answer;
        {
            answer = await caller.InvokeAsync(Prompts, "Answer", $"{Name}/answer", new Dictionary<string, string>
            {
                ["question"] = question,
                ["summary"] = OrNone(summary),
                ["notes"] = Numbered(shown),
            }, OutputTokens(options.AnswerOutputTokens), cancellationToken).ConfigureAwait(false);
        }
        var used = ReferencedEntries(answer, shown);
        await store.SaveAsync(memory.Snapshot(document.Id, ReaderKey), cancellationToken).ConfigureAwait(false);
        trace.AddArtifact(new TraceArtifact($"{Name}/answer", "answer", answer.Trim(), Cite(used)));
        return new MemoryStreamResult(answer.Trim(), Cite(used), trace, fromStore, used.Select(e => e.Id).ToList());
    }

    /// <summary>Summarises the document from its memory (running summary plus the most important entries in document order).</summary>
    public async Task<MemoryStreamResult> SummarizeAsync(Document document, IReadOnlyList<Chunk> chunks, int words = 300,
        IProgress<ReadingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var trace = new PipelineTrace();
        using var _ = PipelineRunner.Ambient(trace);
        return await SummarizeAsync(document, chunks, words, trace, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The summarising step behind both entry points, recording into the run's trace (made ambient by the caller).</summary>
    internal async Task<MemoryStreamResult> SummarizeAsync(Document document, IReadOnlyList<Chunk> chunks, int words, PipelineTrace trace,
        IProgress<ReadingProgress>? progress, CancellationToken cancellationToken)
    {
        var (memory, fromStore) = await GetOrReadAsync(document, chunks, trace, progress, cancellationToken).ConfigureAwait(false);
        memory.AdvanceStep();
        var important = memory.Entries
            .OrderByDescending(e => e.Importance).ThenBy(e => e.CreatedStep)
            .Take(options.SummaryEntries)
            .OrderBy(e => e.Citations.Count > 0 ? e.Citations.Min(c => c.Start) : int.MaxValue).ThenBy(e => e.CreatedStep)
            .ToList();
        var summary = TokenBudget.KeepStart(profile.TokenCounter, memory.RunningSummary, options.RunningSummaryTokens);
        int outputTokens = OutputTokens(Math.Max(options.AnswerOutputTokens, words * 2));
        var shown = FitEntries(important, await PromptBudgetAsync("Summarize", outputTokens, cancellationToken).ConfigureAwait(false) - Count(summary));
        memory.MarkUsed(shown.Select(e => e.Id));
        string text;
        {
            text = await caller.InvokeAsync(Prompts, "Summarize", $"{Name}/summarize", new Dictionary<string, string>
            {
                ["summary"] = OrNone(summary),
                ["notes"] = Numbered(shown),
                ["words"] = words.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, outputTokens, cancellationToken).ConfigureAwait(false);
        }
        var used = ReferencedEntries(text, shown);
        await store.SaveAsync(memory.Snapshot(document.Id, ReaderKey), cancellationToken).ConfigureAwait(false);
        trace.AddArtifact(new TraceArtifact($"{Name}/summarize", "summary", text.Trim(), Cite(used)));
        return new MemoryStreamResult(text.Trim(), Cite(used), trace, fromStore, used.Select(e => e.Id).ToList());
    }

    /// <summary>Reads the document into memory (or loads the stored memory) without asking anything.</summary>
    public async Task<MemoryController> ReadAsync(Document document, IReadOnlyList<Chunk> chunks, PipelineTrace trace,
        IProgress<ReadingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var _ = PipelineRunner.Ambient(trace);
        return (await GetOrReadAsync(document, chunks, trace, progress, cancellationToken).ConfigureAwait(false)).Memory;
    }

    /// <summary>Whether the document's memory for this reader is already stored (then no chunks are needed).</summary>
    public async Task<bool> HasMemoryAsync(Document document, CancellationToken cancellationToken = default) =>
        await store.LoadAsync(document.Id, ReaderKey, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Chunk size for reading with this model: what the observe prompt leaves for a passage, at most 1,024 tokens.</summary>
    public async Task<int> ChunkTokensAsync(CancellationToken cancellationToken = default) =>
        Math.Clamp(await PromptBudgetAsync("Observe", options.ObserveOutputTokens, cancellationToken).ConfigureAwait(false) / 2, 64, 1024);

    private async Task<(MemoryController Memory, bool FromStore)> GetOrReadAsync(Document document, IReadOnlyList<Chunk> chunks,
        PipelineTrace trace, IProgress<ReadingProgress>? progress, CancellationToken ct)
    {
        var stored = await store.LoadAsync(document.Id, ReaderKey, ct).ConfigureAwait(false);
        if (stored is not null)
        {
            trace.Increment("memory_stream.loaded_from_store");
            // An answer from a memory written by an earlier run reads nothing now: say so, it is not a fresh reading.
            trace.Warn(TraceNoticeCodes.MemoryReused, string.Create(CultureInfo.InvariantCulture,
                $"memory-stream: the memory of {document.Name} written by an earlier run was reused ({stored.Entries.Count} entries); the document was not read again (delete it from the IMemoryStore to read afresh)"));
            trace.AddArtifact(new TraceArtifact($"{Name}/memory", "loaded",
                $"memory of {document.Name} loaded from the store: {stored.Entries.Count} entries, step {stored.Step}; no reading calls"));
            _logger.LogInformation("Memory of {Document} loaded: {Entries} entries", document.Name, stored.Entries.Count);
            return (new MemoryController(options, stored), true);
        }
        if (chunks.Count == 0) throw new ArgumentException($"{document.Name} has no chunks to read", nameof(chunks));

        var memory = new MemoryController(options);
        int reflections = 0;
        for (int i = 0; i < chunks.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            await ObserveAsync(document, chunks[i], i, chunks.Count, memory, trace, ct).ConfigureAwait(false);
            if (memory.ReflectionDue)
            {
                await ReflectAsync(memory, trace, ct).ConfigureAwait(false);
                reflections++;
            }
            progress?.Report(new ReadingProgress(i + 1, chunks.Count, memory.Entries.Count, reflections));
        }
        trace.Increment("memory_stream.chunks_read", chunks.Count);
        if (trace.Counters.GetValueOrDefault("memory_stream.truncated_chunks") is var cut and > 0)
            trace.Warn(TraceNoticeCodes.ChunksTruncated,
                $"memory-stream: {cut} chunk(s) of {document.Name} were longer than the observe prompt leaves room for and were cut to fit; their ends were not read");
        await store.SaveAsync(memory.Snapshot(document.Id, ReaderKey), ct).ConfigureAwait(false);
        return (memory, false);
    }

    private async Task ObserveAsync(Document document, Chunk chunk, int index, int total, MemoryController memory, PipelineTrace trace, CancellationToken ct)
    {
        memory.AdvanceStep();
        var chunkEmbedding = await EmbedAsync(chunk.Text, ct).ConfigureAwait(false);
        var flash = memory.Flash();
        var archived = memory.Recall(chunkEmbedding).Select(s => s.Entry).ToList();
        memory.MarkUsed(flash.Select(e => e.Id));

        int budget = await PromptBudgetAsync("Observe", options.ObserveOutputTokens, ct).ConfigureAwait(false);
        var chunkText = TokenBudget.KeepStart(profile.TokenCounter, chunk.Text, Math.Max(1, budget * 3 / 5));
        if (chunkText.Length < chunk.Text.Length) trace.Increment("memory_stream.truncated_chunks");
        budget -= Count(chunkText);
        var summary = TokenBudget.KeepStart(profile.TokenCounter, memory.RunningSummary, Math.Min(options.RunningSummaryTokens, budget / 3));
        budget -= Count(summary);
        var flashShown = FitEntries(flash, budget / 2);
        var archivedShown = FitEntries(archived, budget - Count(Numbered(flashShown)));

        string answer;
        {
            answer = await caller.InvokeAsync(Prompts, "Observe", $"{Name}/observe", new Dictionary<string, string>
            {
                ["summary"] = OrNone(summary),
                ["flash"] = Numbered(flashShown),
                ["archived"] = Numbered(archivedShown),
                ["position"] = $"{index + 1} of {total}",
                ["chunk"] = chunkText,
            }, OutputTokens(options.ObserveOutputTokens), ct).ConfigureAwait(false);
        }
        var observation = ObservationParser.Parse(answer, options.DefaultImportance);
        if (!observation.ImportanceParsed) trace.Increment("memory_stream.importance_defaulted");
        var note = TokenBudget.KeepStart(profile.TokenCounter, observation.Note.Trim(), options.NoteTokens).Trim();
        if (!note.Any(char.IsLetterOrDigit))
        {
            // The model wrote nothing usable: keep the passage's opening words so the memory still covers this chunk.
            note = TokenBudget.KeepStart(profile.TokenCounter, chunk.Text.Trim(), Math.Min(options.NoteTokens, 60)).Trim();
            trace.Increment("memory_stream.extractive_notes");
        }
        if (observation.Summary is { Length: > 0 } updated)
            memory.UpdateSummary(TokenBudget.KeepStart(profile.TokenCounter, updated, options.RunningSummaryTokens).Trim());
        else if (memory.RunningSummary.Length == 0)
            memory.UpdateSummary(note);

        var entry = memory.Add(MemoryEntryKind.Observation, note, EvidenceLocator.InChunk(note, document, chunk), observation.Importance,
            await EmbedAsync(note, ct).ConfigureAwait(false));
        trace.AddArtifact(new TraceArtifact($"{Name}/observe", entry.Id, $"[importance {entry.Importance}] {entry.Text}", entry.Citations));
    }

    private async Task ReflectAsync(MemoryController memory, PipelineTrace trace, CancellationToken ct)
    {
        var sources = FitEntries(memory.SinceLastReflection(), await PromptBudgetAsync("Reflect", options.ReflectOutputTokens, ct).ConfigureAwait(false));
        string answer;
        {
            answer = await caller.InvokeAsync(Prompts, "Reflect", $"{Name}/reflect", new Dictionary<string, string>
            {
                ["notes"] = Numbered(sources),
                ["count"] = sources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, OutputTokens(options.ReflectOutputTokens), ct).ConfigureAwait(false);
        }
        foreach (var insight in ReflectionParser.Parse(answer, sources.Count, options.MaxInsightsPerReflection))
        {
            var from = insight.SourceNumbers.Select(n => sources[n - 1]).ToList();
            var text = TokenBudget.KeepStart(profile.TokenCounter, insight.Text, options.NoteTokens).Trim();
            int importance = (int)Math.Round(from.Average(e => e.Importance), MidpointRounding.AwayFromZero);
            var entry = memory.Add(MemoryEntryKind.Reflection, text, Cite(from), importance, await EmbedAsync(text, ct).ConfigureAwait(false), from.Select(e => e.Id).ToList());
            trace.AddArtifact(new TraceArtifact($"{Name}/reflect", entry.Id,
                $"[insight from {string.Join(", ", entry.SourceEntryIds)}] {entry.Text}", entry.Citations));
        }
        memory.MarkReflected();
        trace.Increment("memory_stream.reflections");
    }

    private async Task<float[]> EmbedAsync(string text, CancellationToken ct)
    {
        var embeddings = await embedder.GenerateAsync([text], cancellationToken: ct).ConfigureAwait(false);
        return embeddings[0].Vector.ToArray();
    }

    /// <summary>Tokens left for variables once the prompt as sent (messages, scaffolding) and the output are reserved.</summary>
    private async Task<int> PromptBudgetAsync(string function, int outputTokens, CancellationToken ct) =>
        profile.ContextLength - OutputTokens(outputTokens) - await InstructionTokensAsync(function, ct).ConfigureAwait(false) - options.TemplateReserveTokens;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _instructionTokens = new(StringComparer.Ordinal);

    // The function's messages with every variable empty, counted as the model reads them, plus slack at each value's
    // boundary (TokenBudget's one rule); measured once per function.
    private async Task<int> InstructionTokensAsync(string function, CancellationToken ct)
    {
        if (_instructionTokens.TryGetValue(function, out var known)) return known;
        int counted = await caller.InstructionTokensAsync(Prompts, function, profile, ct).ConfigureAwait(false);
        return _instructionTokens.GetOrAdd(function, counted);
    }

    private int OutputTokens(int wanted) => Math.Max(16, Math.Min(wanted, profile.ContextLength / 4));

    private int Count(string text) => profile.TokenCounter.CountTokens(text);

    /// <summary>The leading entries whose numbered lines fit in <paramref name="budget"/> tokens.</summary>
    private List<MemoryEntry> FitEntries(IReadOnlyList<MemoryEntry> entries, int budget)
    {
        var fitted = new List<MemoryEntry>();
        int used = 0;
        foreach (var entry in entries)
        {
            int cost = Count(entry.Text) + 6;
            if (used + cost > budget) break;
            fitted.Add(entry);
            used += cost;
        }
        return fitted;
    }

    private static string Numbered(IReadOnlyList<MemoryEntry> entries)
    {
        if (entries.Count == 0) return "(none)";
        var sb = new StringBuilder();
        for (int i = 0; i < entries.Count; i++) sb.Append('[').Append(i + 1).Append("] ").AppendLine(entries[i].Text.ReplaceLineEndings(" "));
        return sb.ToString().TrimEnd();
    }

    private static string OrNone(string text) => string.IsNullOrWhiteSpace(text) ? "(none yet)" : text;

    /// <summary>Entries the text cites as [n]; all shown entries when it cites none (they are what it was given).</summary>
    private static List<MemoryEntry> ReferencedEntries(string text, IReadOnlyList<MemoryEntry> shown)
    {
        var cited = new SortedSet<int>();
        foreach (Match m in Reference().Matches(text))
            foreach (Match n in Digits().Matches(m.Value))
                if (int.TryParse(n.Value, out var k) && k >= 1 && k <= shown.Count) cited.Add(k);
        return cited.Count > 0 ? cited.Select(k => shown[k - 1]).ToList() : shown.ToList();
    }

    private static IReadOnlyList<Citation> Cite(IEnumerable<MemoryEntry> entries) =>
        entries.SelectMany(e => e.Citations).Distinct().OrderBy(c => c.Start).ThenBy(c => c.End).ToList();

    [GeneratedRegex(@"\[\s*\d+(?:\s*,\s*\d+)*\s*\]")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
