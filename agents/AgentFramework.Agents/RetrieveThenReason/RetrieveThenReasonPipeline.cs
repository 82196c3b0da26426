using AgentFramework.Agents.Text;
using System.Globalization;
using System.Text;
using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Citations;
using AgentFramework.Errors;
using AgentFramework.Plugins.Native;
using AgentFramework.Retrieval;
using AgentFramework.Tracing;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents.RetrieveThenReason;

/// <summary>
/// Retrieve-then-reason: index the documents (an ephemeral index unless one is given), retrieve the top-k chunks
/// (hybrid), extract verbatim passages from each in parallel (bounded), keep only passages that really occur in their
/// chunk (counted as "ungrounded_passages" otherwise), then reason over the kept passages with citations. With no
/// grounded passage it abstains with <see cref="RetrieveThenReasonOptions.AbstentionText"/> and makes no reasoning
/// call. Plan: k extract calls + 1 reason call. The "indexed_documents"/"indexed_chunks" counters show the ephemeral
/// indexing, "reused_index_documents" an index the factory kept from an earlier question; with a given index (<see cref="PipelineRequest.Index"/>) nothing is indexed and every document must already be in it.
/// </summary>
public sealed class RetrieveThenReasonPipeline(PipelineModel model, IDocumentChunker chunker, IChunkIndexFactory indexFactory, IOptions<RetrieveThenReasonOptions> options) : IDocumentPipeline
{
    public const string PromptFolder = "RetrieveThenReason";
    public const string RetrieveStage = "retrieve-then-reason/retrieve";
    public const string ExtractStage = "retrieve-then-reason/extract";
    public const string ReasonStage = "retrieve-then-reason/reason";

    private RetrieveThenReasonOptions Options => options.Value;

    public string Name => PipelineNames.RetrieveThenReason;

    public bool NeedsModel => true;

    // Summaries are refused in RunAsync with advice on which pipeline to use instead.
    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public async Task<PipelineResult> RunAsync(PipelineRequest task, PipelineRun run, CancellationToken cancellationToken)
    {
        if (task.Goal != PipelineGoal.Answer)
            throw new InvalidOptionException("PipelineNames", "retrieve-then-reason answers questions; to summarise use PipelineNames chain-of-agents, full-context or extractive");
        var caller = model.Caller(Name);
        var counter = model.Profile.TokenCounter;
        int chunkTokens = await ChunkBudget(caller, task, cancellationToken).ConfigureAwait(false);

        var index = task.Index;
        bool owned = false;
        if (index is null)
        {
            // The factory may hand back an index it filled for an earlier question over the same documents.
            var prepared = await indexFactory.PrepareAsync(task.Documents, $"{chunkTokens}:0:{counter.Name}",
                document => chunker.Split(document, new ChunkingOptions { MaxTokens = chunkTokens, OverlapTokens = 0 }, counter), cancellationToken).ConfigureAwait(false);
            (index, owned) = (prepared.Index, prepared.OwnedByCaller);
            if (prepared.IndexedDocuments > 0)
            {
                run.Trace.Increment("indexed_documents", prepared.IndexedDocuments);
                run.Trace.Increment("indexed_chunks", prepared.IndexedChunks);
            }
            else run.Trace.Increment("reused_index_documents", task.Documents.Count);
        }
        try
        {
            if (!owned) await EnsureIndexed(index, task, cancellationToken).ConfigureAwait(false);

            var hits = await Retrieve(index, task, cancellationToken).ConfigureAwait(false);
            run.Trace.AddArtifact(new TraceArtifact(RetrieveStage, "retrieved", string.Join("\n", hits.Select((h, i) => $"R{i + 1} {h.DocumentName} [{h.Chunk.Start},{h.Chunk.End}) score={h.Score:F4}"))));
            run.PlanCalls(hits.Count + 1, ExtractStage);

            var evidence = await ExtractAll(caller, task, hits, chunkTokens, run, cancellationToken).ConfigureAwait(false);
            WarnTruncatedChunks(run, hits.Count, chunkTokens);
            if (evidence.Count == 0)
            {
                // Nothing grounded: a fixed abstention, no reasoning call (the plan shrinks by that call). When the
                // extractor did quote passages that matched nothing in the text, that is a grounding failure, not
                // evidence that the document lacks the answer, and the answer says which.
                run.Trace.Increment("abstained");
                run.PlanCalls(-1, ReasonStage);
                long ungrounded = run.Trace.Counters.GetValueOrDefault("ungrounded_passages");
                string text = Options.AbstentionText;
                if (ungrounded > 0)
                {
                    text = string.Format(CultureInfo.InvariantCulture, Options.NoGroundedPassageText, ungrounded);
                    run.Trace.Warn(TraceNoticeCodes.NoGroundedPassage, string.Create(CultureInfo.InvariantCulture,
                        $"retrieve-then-reason: the model quoted {ungrounded} passage(s) from {hits.Count} retrieved chunk(s) but none matched the document text, so no answer was grounded; this is not evidence that the document lacks the answer (the passages are in PipelineTrace)"));
                }
                run.Trace.AddArtifact(new TraceArtifact(ReasonStage, "abstained", text));
                return new PipelineResult(text, [], run.Trace);
            }
            return await Reason(caller, task, evidence, run, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (owned) await index.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void WarnTruncatedChunks(PipelineRun run, int retrieved, int chunkTokens)
    {
        long truncated = run.Trace.Counters.GetValueOrDefault("truncated_chunks");
        if (truncated > 0)
            run.Trace.Warn(TraceNoticeCodes.ChunksTruncated, string.Create(CultureInfo.InvariantCulture,
                $"retrieve-then-reason: {truncated} of {retrieved} retrieved chunks were longer than the {chunkTokens} tokens this model's window allows and were cut to fit; their ends were not read (ingest the store again with a smaller ChunkingOptions.MaxTokens)"));
    }

    // A given index that lacks a document would only ever retrieve nothing from it: say so instead of abstaining.
    private static async Task EnsureIndexed(IChunkIndex index, PipelineRequest task, CancellationToken cancellationToken)
    {
        var held = (await index.ListDocumentsAsync(cancellationToken).ConfigureAwait(false)).Select(d => d.DocumentId).ToHashSet(StringComparer.Ordinal);
        foreach (var document in task.Documents)
            if (!held.Contains(document.Id))
                throw new UserInputException(document.Name, $"the index does not hold {document.Name} (id {document.Id}): add this document to it first");
    }

    private async Task<int> ChunkBudget(PromptCaller caller, PipelineRequest task, CancellationToken cancellationToken)
    {
        var empty = new Dictionary<string, string> { ["question"] = task.Question!, ["chunk_label"] = "R999", ["chunk"] = "" };
        int instruction = await caller.CountPromptTokensAsync(PromptFolder, "Extract", empty, cancellationToken).ConfigureAwait(false) + TokenBudget.BoundaryReserve;
        int room = model.Profile.ContextLength - instruction - Options.ExtractTokens;
        if (room < 32)
            throw new ModelException("IChatClient", $"the model's context of {model.Profile.ContextLength} tokens is too small for retrieve-then-reason ({instruction} instruction + {Options.ExtractTokens} extraction output tokens); use a model with a longer context or a shorter question");
        // The answer prompt must hold at least one passage next to the answer budget: refuse before the first call.
        var emptyReason = new Dictionary<string, string> { ["question"] = task.Question!, ["passages"] = "" };
        int reasonInstruction = await caller.CountPromptTokensAsync(PromptFolder, "Reason", emptyReason, cancellationToken).ConfigureAwait(false) + TokenBudget.BoundaryReserve;
        if (reasonInstruction + Options.AnswerTokens + 32 > model.Profile.ContextLength)
            throw new ModelException("RetrieveThenReasonOptions.AnswerTokens", $"the model's context of {model.Profile.ContextLength} tokens cannot hold the retrieve-then-reason answer prompt: {reasonInstruction} instruction + {Options.AnswerTokens} answer tokens (RetrieveThenReasonOptions.AnswerTokens) leave no room for evidence; lower RetrieveThenReasonOptions.AnswerTokens or use a model with a longer context");
        return Math.Min(Options.ChunkTokens, room);
    }

    // Plain C# over the index: nothing here is offered to a model, so the kernel would only add a cast (see DESIGN.md).
    private async Task<IReadOnlyList<SearchHit>> Retrieve(IChunkIndex index, PipelineRequest task, CancellationToken cancellationToken)
    {
        var ids = task.Documents.Select(d => d.Id).ToHashSet();
        string? only = task.Documents.Count == 1 ? task.Documents[0].Id : null;
        int k = Options.TopK;
        var hits = await index.SearchAsync(new SearchQuery(task.Question!, only is null ? k * 4 : k, SearchMode.Auto, only), cancellationToken).ConfigureAwait(false);
        return hits.Where(h => ids.Contains(h.Chunk.DocumentId)).Take(k).ToArray();
    }

    private async Task<List<Evidence>> ExtractAll(PromptCaller caller, PipelineRequest task, IReadOnlyList<SearchHit> hits, int chunkTokens, PipelineRun run, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, Options.MaxParallelExtracts));
        var perHit = await Task.WhenAll(hits.Select(async (hit, rank) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return await ExtractOne(caller, task, hit, rank, chunkTokens, run, cancellationToken).ConfigureAwait(false); }
            finally { gate.Release(); }
        })).ConfigureAwait(false);
        // Evidence in document order, each span once.
        return perHit.SelectMany(e => e)
            .GroupBy(e => (e.Citation.Document, e.Citation.Start, e.Citation.End)).Select(g => g.First())
            .OrderBy(e => e.DocumentOrder).ThenBy(e => e.Citation.Start).ToList();
    }

    private async Task<IReadOnlyList<Evidence>> ExtractOne(PromptCaller caller, PipelineRequest task, SearchHit hit, int rank, int chunkTokens, PipelineRun run, CancellationToken cancellationToken)
    {
        string label = $"R{rank + 1}";
        // A given index may hold chunks larger than this model's window allows: the extractor sees (and is grounded
        // against) the prefix that fits, so citation offsets stay offsets into the chunk.
        var chunkText = SourceText(task, hit);
        var shown = TokenBudget.Truncate(chunkText, chunkTokens, model.Profile.TokenCounter);
        if (shown.Length < chunkText.Length) run.Trace.Increment("truncated_chunks");
        var variables = new Dictionary<string, string> { ["question"] = task.Question!, ["chunk_label"] = label, ["chunk"] = shown };
        var output = await caller.InvokeAsync(PromptFolder, "Extract", ExtractStage, variables, Options.ExtractTokens, cancellationToken).ConfigureAwait(false);
        run.CallFinished(ExtractStage);

        int documentOrder = IndexOfDocument(task, hit.Chunk.DocumentId);
        var kept = new List<Evidence>();
        foreach (var passage in PassageParser.Parse(output))
        {
            var located = PassageGrounder.Locate(shown, passage);
            if (located is not { } span)
            {
                run.Trace.Increment("ungrounded_passages");
                run.Trace.AddArtifact(new TraceArtifact(ExtractStage, $"ungrounded passage from {label}", passage));
                continue;
            }
            var citation = new Citation(hit.DocumentName, hit.Chunk.Start + span.Start, hit.Chunk.Start + span.End, span.Quote, hit.Chunk.Id);
            run.Trace.Increment("grounded_passages");
            run.Trace.AddArtifact(new TraceArtifact(ExtractStage, $"grounded passage from {label}", span.Quote, [citation]));
            kept.Add(new Evidence(citation, documentOrder));
        }
        return kept;
    }

    private async Task<PipelineResult> Reason(PromptCaller caller, PipelineRequest task, List<Evidence> evidence, PipelineRun run, CancellationToken cancellationToken)
    {
        var counter = model.Profile.TokenCounter;
        var empty = new Dictionary<string, string> { ["question"] = task.Question!, ["passages"] = "" };
        int room = model.Profile.ContextLength - Options.AnswerTokens - TokenBudget.BoundaryReserve
            - await caller.CountPromptTokensAsync(PromptFolder, "Reason", empty, cancellationToken).ConfigureAwait(false);

        // Number the passages; stop adding when the window is full (counted as dropped for budget).
        var kept = new List<Evidence>();
        var text = new StringBuilder();
        foreach (var e in evidence)
        {
            var line = $"[P{kept.Count + 1}] ({e.Citation.Document}) \"{e.Citation.Quote}\"\n";
            if (counter.CountTokens(text.ToString() + line) > room) { run.Trace.Increment("passages_over_budget"); continue; }
            text.Append(line);
            kept.Add(e);
        }
        var variables = new Dictionary<string, string> { ["question"] = task.Question!, ["passages"] = text.ToString().TrimEnd() };
        var answer = (await caller.InvokeAsync(PromptFolder, "Reason", ReasonStage, variables, Options.AnswerTokens, cancellationToken).ConfigureAwait(false)).Trim();
        run.CallFinished(ReasonStage);

        var cited = CitationMarkers.Find(answer, 'P').Where(n => n >= 1 && n <= kept.Count).Select(n => kept[n - 1].Citation).ToArray();
        return new PipelineResult(answer, cited.Length > 0 ? cited : kept.Select(e => e.Citation).ToArray(), run.Trace);
    }

    // The chunk's span of the task's own document when it is there: a store may keep text it cannot represent (a NUL, a
    // lone surrogate) differently, and the model must read the document verbatim.
    private static string SourceText(PipelineRequest task, SearchHit hit)
    {
        var document = task.Documents.FirstOrDefault(d => d.Id == hit.Chunk.DocumentId);
        return document is not null && hit.Chunk.Start >= 0 && hit.Chunk.End <= document.Text.Length && hit.Chunk.Start <= hit.Chunk.End
            ? document.Text[hit.Chunk.Start..hit.Chunk.End]
            : hit.Chunk.Text;
    }

    private static int IndexOfDocument(PipelineRequest task, string documentId)
    {
        for (int i = 0; i < task.Documents.Count; i++) if (task.Documents[i].Id == documentId) return i;
        return int.MaxValue;
    }

    private sealed record Evidence(Citation Citation, int DocumentOrder);
}
