using System.Globalization;
using AgentFramework.Agents.Text;
using System.Text;
using System.Text.RegularExpressions;
using AgentFramework.Agents.Chunking;
using AgentFramework.Errors;
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
public sealed partial class MemoryStreamPipeline : IDocumentPipeline
{
    public const string Name = PipelineNames.MemoryStream;
    private const string Prompts = "MemoryStream";
    private const string ObserveStage = $"{Name}/observe";
    private readonly Lazy<PromptCaller> _caller;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IMemoryStore _store;
    private readonly ModelProfile _profile;
    private readonly MemoryStreamOptions _options;
    private readonly IDocumentChunker _chunker;
    private readonly ILogger _logger;

    /// <summary>The engine over a prompt caller of your own (chunks come from the caller of <see cref="AskAsync"/>/<see cref="SummarizeAsync(Document, IReadOnlyList{Chunk}, int, IProgress{ReadingProgress}?, CancellationToken)"/>).</summary>
    public MemoryStreamPipeline(PromptCaller caller, IEmbeddingGenerator<string, Embedding<float>> embedder, IMemoryStore store, ModelProfile profile,
        MemoryStreamOptions options, ILogger<MemoryStreamPipeline>? logger = null)
        : this(new Lazy<PromptCaller>(caller), embedder, store, profile, options, new DocumentChunker(), logger)
    {
    }

    /// <summary>
    /// The pipeline as <c>AddAgentFramework</c> registers it under <see cref="PipelineNames.MemoryStream"/>: the model's
    /// caller is taken when a run starts (a container without a model can still list it), documents are chunked to
    /// what the observe prompt leaves only when their memory is not stored yet.
    /// </summary>
    public MemoryStreamPipeline(PipelineModel model, IDocumentChunker chunker, IEmbeddingGenerator<string, Embedding<float>> embedder,
        IMemoryStore store, Microsoft.Extensions.Options.IOptions<MemoryStreamOptions> options, ILogger<MemoryStreamPipeline>? logger = null)
        : this(new Lazy<PromptCaller>(() => model.Caller(Name)), embedder, store, model.Profile, options.Value, chunker, logger)
    {
    }

    private MemoryStreamPipeline(Lazy<PromptCaller> caller, IEmbeddingGenerator<string, Embedding<float>> embedder, IMemoryStore store,
        ModelProfile profile, MemoryStreamOptions options, IDocumentChunker chunker, ILogger<MemoryStreamPipeline>? logger)
    {
        _caller = caller;
        _embedder = embedder;
        _store = store;
        _profile = profile;
        _options = options;
        _chunker = chunker;
        _logger = logger ?? NullLogger<MemoryStreamPipeline>.Instance;
    }

    string IDocumentPipeline.Name => Name;

    public bool NeedsModel => true;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    private PromptCaller Caller => _caller.Value;

    /// <summary>Memory is stored per reader: another model or embedder reads the document afresh.</summary>
    public string ReaderKey =>
        $"{Name}/v1|{_profile.ModelId}|{_embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? _embedder.GetType().Name}";

    /// <summary>
    /// Answers <paramref name="question"/> from the document's memory, reading <paramref name="chunks"/> first only if no
    /// memory is stored: the typed facade over <see cref="RunAsync"/> (the <see cref="MemoryStreamResult"/> extra).
    /// </summary>
    public Task<MemoryStreamResult> AskAsync(Document document, IReadOnlyList<Chunk> chunks, string question,
        IProgress<ReadingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunTypedAsync(new PipelineRequest([document], PipelineGoal.Answer, question, 0) { Chunks = chunks, DetailedProgress = progress }, cancellationToken);

    /// <summary>Summarises the document from its memory (running summary plus the most important entries in document order): the typed facade over <see cref="RunAsync"/>.</summary>
    public Task<MemoryStreamResult> SummarizeAsync(Document document, IReadOnlyList<Chunk> chunks, int words = 300,
        IProgress<ReadingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunTypedAsync(new PipelineRequest([document], PipelineGoal.Summarize, null, words) { Chunks = chunks, DetailedProgress = progress }, cancellationToken);

    private async Task<MemoryStreamResult> RunTypedAsync(PipelineRequest request, CancellationToken cancellationToken) =>
        (await PipelineRunner.RunAsync(this, request, null, cancellationToken).ConfigureAwait(false)).Extra<MemoryStreamResult>()!;

    /// <summary>
    /// One document per request (a folder is already one document): chunks it (unless the request brings
    /// <see cref="PipelineRequest.Chunks"/>) only when its memory is not stored yet, reads it once, and answers or
    /// summarises from memory. The <see cref="MemoryStreamResult"/> rides on the result as an extra.
    /// </summary>
    public async Task<PipelineResult> RunAsync(PipelineRequest request, PipelineRun run, CancellationToken cancellationToken)
    {
        if (request.Documents.Count != 1)
            throw new InvalidOptionException("PipelineNames", $"the memory-stream pipeline reads one document at a time (got {request.Documents.Count}); pass a single file or folder");
        var document = request.Documents[0];
        var finalStage = $"{Name}/{(request.Goal == PipelineGoal.Answer ? "answer" : "summarize")}";
        IReadOnlyList<Chunk> chunks = request.Chunks ?? [];
        if (!await HasMemoryAsync(document, cancellationToken).ConfigureAwait(false))
        {
            chunks = request.Chunks ?? _chunker.Split(document,
                new ChunkingOptions { MaxTokens = await ChunkTokensAsync(cancellationToken).ConfigureAwait(false), OverlapTokens = 0 }, _profile.TokenCounter);
            run.PlanCalls(chunks.Count, ObserveStage);
        }
        run.PlanCalls(1, finalStage);
        var detailed = request.DetailedProgress as IProgress<ReadingProgress>;
        var progress = new ReadingReports(p =>
        {
            run.CallFinished(ObserveStage);
            detailed?.Report(p);
        });

        var result = request.Goal == PipelineGoal.Answer
            ? await AnswerAsync(document, chunks, request.Question ?? "", run.Trace, progress, cancellationToken).ConfigureAwait(false)
            : await SummarizeAsync(document, chunks, request.Words, run.Trace, progress, cancellationToken).ConfigureAwait(false);
        run.CallFinished(finalStage);
        return new PipelineResult(result.Text, result.Citations, run.Trace).WithExtra(result);
    }

    /// <summary>Reports reading progress as it happens (on the reading thread, so call counts are current when the run ends).</summary>
    private sealed class ReadingReports(Action<ReadingProgress> report) : IProgress<ReadingProgress>
    {
        public void Report(ReadingProgress value) => report(value);
    }

    /// <summary>The answering step, recording into the run's trace.</summary>
    private async Task<MemoryStreamResult> AnswerAsync(Document document, IReadOnlyList<Chunk> chunks, string question, PipelineTrace trace,
        IProgress<ReadingProgress>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question)) throw new ArgumentException("the question is empty", nameof(question));
        var (memory, fromStore) = await GetOrReadAsync(document, chunks, trace, progress, cancellationToken).ConfigureAwait(false);
        memory.AdvanceStep();
        var focus = await EmbedAsync(question, cancellationToken).ConfigureAwait(false);
        var recalled = memory.Recall(focus, _options.ArchivedEntries, includeFlash: true).Select(s => s.Entry).ToList();
        var summary = TokenBudget.KeepStart(_profile.TokenCounter, memory.RunningSummary, _options.RunningSummaryTokens);
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["question"] = question, ["summary"] = OrNone(summary) };
        var shown = FitEntries(recalled, await PromptBudgetAsync("Answer", _options.AnswerOutputTokens, values, cancellationToken).ConfigureAwait(false));
        values["notes"] = Numbered(shown);
        var answer = await Caller.InvokeAsync(Prompts, "Answer", $"{Name}/answer", values, OutputTokens(_options.AnswerOutputTokens), cancellationToken).ConfigureAwait(false);
        var used = ReferencedEntries(answer, shown);
        await _store.SaveAsync(memory.Snapshot(document.Id, ReaderKey), cancellationToken).ConfigureAwait(false);
        trace.AddArtifact(new TraceArtifact($"{Name}/answer", "answer", answer.Trim(), Cite(used)));
        return new MemoryStreamResult(answer.Trim(), Cite(used), trace, fromStore, used.Select(e => e.Id).ToList());
    }

    /// <summary>The summarising step, recording into the run's trace.</summary>
    private async Task<MemoryStreamResult> SummarizeAsync(Document document, IReadOnlyList<Chunk> chunks, int words, PipelineTrace trace,
        IProgress<ReadingProgress>? progress, CancellationToken cancellationToken)
    {
        var (memory, fromStore) = await GetOrReadAsync(document, chunks, trace, progress, cancellationToken).ConfigureAwait(false);
        memory.AdvanceStep();
        var important = memory.Entries
            .OrderByDescending(e => e.Importance).ThenBy(e => e.CreatedStep)
            .Take(_options.SummaryEntries)
            .OrderBy(e => e.Citations.Count > 0 ? e.Citations.Min(c => c.Start) : int.MaxValue).ThenBy(e => e.CreatedStep)
            .ToList();
        var summary = TokenBudget.KeepStart(_profile.TokenCounter, memory.RunningSummary, _options.RunningSummaryTokens);
        int outputTokens = OutputTokens(Math.Max(_options.AnswerOutputTokens, words * 2));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = OrNone(summary),
            ["words"] = words.ToString(CultureInfo.InvariantCulture),
        };
        var shown = FitEntries(important, await PromptBudgetAsync("Summarize", outputTokens, values, cancellationToken).ConfigureAwait(false));
        memory.MarkUsed(shown.Select(e => e.Id));
        values["notes"] = Numbered(shown);
        var text = await Caller.InvokeAsync(Prompts, "Summarize", $"{Name}/summarize", values, outputTokens, cancellationToken).ConfigureAwait(false);
        var used = ReferencedEntries(text, shown);
        await _store.SaveAsync(memory.Snapshot(document.Id, ReaderKey), cancellationToken).ConfigureAwait(false);
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
        await _store.LoadAsync(document.Id, ReaderKey, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Chunk size for reading with this model: what the observe prompt leaves for a passage, at most 1,024 tokens.</summary>
    public async Task<int> ChunkTokensAsync(CancellationToken cancellationToken = default) =>
        Math.Clamp(await PromptBudgetAsync("Observe", _options.ObserveOutputTokens, null, cancellationToken).ConfigureAwait(false) / 2, 64, 1024);

    private async Task<(MemoryController Memory, bool FromStore)> GetOrReadAsync(Document document, IReadOnlyList<Chunk> chunks,
        PipelineTrace trace, IProgress<ReadingProgress>? progress, CancellationToken ct)
    {
        var stored = await _store.LoadAsync(document.Id, ReaderKey, ct).ConfigureAwait(false);
        if (stored is not null)
        {
            trace.Increment("memory_stream.loaded_from_store");
            // An answer from a memory written by an earlier run reads nothing now: say so, it is not a fresh reading.
            trace.Warn(TraceNoticeCodes.MemoryReused, string.Create(CultureInfo.InvariantCulture,
                $"memory-stream: the memory of {document.Name} written by an earlier run was reused ({stored.Entries.Count} entries); the document was not read again (delete it from the IMemoryStore to read afresh)"));
            trace.AddArtifact(new TraceArtifact($"{Name}/memory", "loaded",
                $"memory of {document.Name} loaded from the store: {stored.Entries.Count} entries, step {stored.Step}; no reading calls"));
            _logger.LogInformation("Memory of {Document} loaded: {Entries} entries", document.Name, stored.Entries.Count);
            return (new MemoryController(_options, stored), true);
        }
        if (chunks.Count == 0) throw new ArgumentException($"{document.Name} has no chunks to read", nameof(chunks));

        var memory = new MemoryController(_options);
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
        await _store.SaveAsync(memory.Snapshot(document.Id, ReaderKey), ct).ConfigureAwait(false);
        return (memory, false);
    }

    private async Task ObserveAsync(Document document, Chunk chunk, int index, int total, MemoryController memory, PipelineTrace trace, CancellationToken ct)
    {
        memory.AdvanceStep();
        var chunkEmbedding = await EmbedAsync(chunk.Text, ct).ConfigureAwait(false);
        var flash = memory.Flash();
        var archived = memory.Recall(chunkEmbedding).Select(s => s.Entry).ToList();
        memory.MarkUsed(flash.Select(e => e.Id));

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["position"] = $"{index + 1} of {total}" };
        // The two entry lists read "(none)" when nothing fits: that text is kept out of the budget first.
        int budget = await PromptBudgetAsync("Observe", _options.ObserveOutputTokens, values, ct).ConfigureAwait(false) - 2 * Count(Numbered([]));
        var chunkText = TokenBudget.KeepStart(_profile.TokenCounter, chunk.Text, Math.Max(1, budget * 3 / 5));
        if (chunkText.Length < chunk.Text.Length) trace.Increment("memory_stream.truncated_chunks");
        budget -= Count(chunkText);
        var summary = TokenBudget.KeepStart(_profile.TokenCounter, memory.RunningSummary, Math.Min(_options.RunningSummaryTokens, budget / 3));
        budget -= Count(OrNone(summary));
        var flashShown = FitEntries(flash, budget / 2);
        var archivedShown = FitEntries(archived, budget - Count(Numbered(flashShown)));
        values["summary"] = OrNone(summary);
        values["flash"] = Numbered(flashShown);
        values["archived"] = Numbered(archivedShown);
        values["chunk"] = chunkText;
        var answer = await Caller.InvokeAsync(Prompts, "Observe", $"{Name}/observe", values, OutputTokens(_options.ObserveOutputTokens), ct).ConfigureAwait(false);
        var observation = ObservationParser.Parse(answer, _options.DefaultImportance);
        if (!observation.ImportanceParsed) trace.Increment("memory_stream.importance_defaulted");
        var note = TokenBudget.KeepStart(_profile.TokenCounter, observation.Note.Trim(), _options.NoteTokens).Trim();
        if (!note.Any(char.IsLetterOrDigit))
        {
            // The model wrote nothing usable: keep the passage's opening words so the memory still covers this chunk.
            note = TokenBudget.KeepStart(_profile.TokenCounter, chunk.Text.Trim(), Math.Min(_options.NoteTokens, 60)).Trim();
            trace.Increment("memory_stream.extractive_notes");
        }
        if (observation.Summary is { Length: > 0 } updated)
            memory.UpdateSummary(TokenBudget.KeepStart(_profile.TokenCounter, updated, _options.RunningSummaryTokens).Trim());
        else if (memory.RunningSummary.Length == 0)
            memory.UpdateSummary(note);

        var entry = memory.Add(MemoryEntryKind.Observation, note, EvidenceLocator.InChunk(note, document, chunk), observation.Importance,
            await EmbedAsync(note, ct).ConfigureAwait(false));
        trace.AddArtifact(new TraceArtifact($"{Name}/observe", entry.Id, $"[importance {entry.Importance}] {entry.Text}", entry.Citations));
    }

    private async Task ReflectAsync(MemoryController memory, PipelineTrace trace, CancellationToken ct)
    {
        var sources = FitEntries(memory.SinceLastReflection(), await PromptBudgetAsync("Reflect", _options.ReflectOutputTokens, null, ct).ConfigureAwait(false));
        string answer;
        {
            answer = await Caller.InvokeAsync(Prompts, "Reflect", $"{Name}/reflect", new Dictionary<string, string>
            {
                ["notes"] = Numbered(sources),
                ["count"] = sources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, OutputTokens(_options.ReflectOutputTokens), ct).ConfigureAwait(false);
        }
        foreach (var insight in ReflectionParser.Parse(answer, sources.Count, _options.MaxInsightsPerReflection))
        {
            var from = insight.SourceNumbers.Select(n => sources[n - 1]).ToList();
            var text = TokenBudget.KeepStart(_profile.TokenCounter, insight.Text, _options.NoteTokens).Trim();
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
        var embeddings = await _embedder.GenerateAsync([text], cancellationToken: ct).ConfigureAwait(false);
        return embeddings[0].Vector.ToArray();
    }

    /// <summary>
    /// Tokens left for the values still to fit once the prompt as sent (messages, scaffolding, the values already known)
    /// and the output are reserved: <see cref="PromptCaller.InstructionTokensAsync(string, string, ModelProfile, IReadOnlyDictionary{string, string}?, CancellationToken)"/>, the one budget rule.
    /// </summary>
    private async Task<int> PromptBudgetAsync(string function, int outputTokens, IReadOnlyDictionary<string, string>? known, CancellationToken ct) =>
        _profile.ContextLength - OutputTokens(outputTokens) - await Caller.InstructionTokensAsync(Prompts, function, _profile, known, ct).ConfigureAwait(false);

    private int OutputTokens(int wanted) => Math.Max(16, Math.Min(wanted, _profile.ContextLength / 4));

    private int Count(string text) => _profile.TokenCounter.CountTokens(text);

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
