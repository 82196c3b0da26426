using AgentFramework.Agents.Text;
using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Citations;
using AgentFramework.Errors;
using AgentFramework.Plugins.Native;
using AgentFramework.Tracing;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents.ChainOfAgents;

/// <summary>
/// Chain-of-Agents: worker i reads chunk i, the task and the communication unit of worker i−1 and writes the next
/// unit (bounded by <see cref="ChainOfAgentsOptions.UnitTokens"/>, keeping [C#] chunk labels); the manager sees only
/// the last unit and writes the result. n chunks cost n worker calls + 1 manager call. Citations quote the sentences
/// of each cited chunk that support the claim carrying the label (<see cref="EvidenceLocator"/>).
/// </summary>
public sealed class ChainOfAgentsPipeline(PipelineModel model, IDocumentChunker chunker, IOptions<ChainOfAgentsOptions> options) : IDocumentPipeline
{
    public const string PromptFolder = "ChainOfAgents";
    public const string WorkerStage = "chain-of-agents/worker";
    public const string ManagerStage = "chain-of-agents/manager";
    private const string NoNotesYet = "(none yet: you read the first part)";

    private ChainOfAgentsOptions Options => options.Value;

    public string Name => PipelineNames.ChainOfAgents;

    public bool NeedsModel => true;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public async Task<PipelineResult> RunAsync(PipelineRequest task, PipelineRun run, CancellationToken cancellationToken)
    {
        var caller = model.Caller(Name);
        var counter = model.Profile.TokenCounter;
        var (workerPrompt, managerPrompt) = PromptNames(task);

        // Budget: the worker prompt as sent (messages and chat-template scaffolding) with an empty chunk, empty unit and the
        // longest label; code workers also keep room for the chunk's source header (file list), cut to that room.
        var emptyWorker = WorkerVariables(task, 9999, 9999, "C9999", "", "", "");
        int sourceTokens = task.IsCode ? TokenBudget.SourceHeaderTokens : 0;
        int instructionTokens = await caller.CountPromptTokensAsync(PromptFolder, workerPrompt, emptyWorker, cancellationToken).ConfigureAwait(false)
            + TokenBudget.BoundaryReserve + sourceTokens;
        var plan = ChainOfAgentsPlan.Compute(model.Profile.ContextLength, instructionTokens, Options);
        await EnsureManagerFits(caller, task, managerPrompt, cancellationToken).ConfigureAwait(false);

        var chunks = ReadingChunks.Split(task, chunker, plan.ChunkTokens, counter);
        if (chunks.Count == 0) throw new UserInputException("document", "the document has no text to read");
        run.Trace.AddArtifact(new TraceArtifact("chain-of-agents/plan", "plan",
            $"context={plan.ContextLength} instruction_tokens={plan.InstructionTokens} unit_tokens={plan.UnitTokens} chunk_tokens={plan.ChunkTokens} workers={chunks.Count}"));
        run.PlanCalls(chunks.Count + 1, WorkerStage);

        string unit = NoNotesYet;
        for (int i = 0; i < chunks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = chunks[i];
            var source = task.IsCode ? TokenBudget.TruncateHeader(ChunkFormatter.Source(c.Chunk, c.Document), sourceTokens, counter) : "";
            var variables = WorkerVariables(task, i + 1, chunks.Count, c.Label, source, c.Chunk.Text, unit);
            var written = await caller.InvokeAsync(PromptFolder, workerPrompt, WorkerStage, variables, Options.UnitTokens, cancellationToken).ConfigureAwait(false);
            written = TokenBudget.Truncate(written.Trim(), Options.UnitTokens, counter);
            if (written.Length == 0) run.Trace.Increment("empty_units");
            else unit = written;
            run.Trace.AddArtifact(new TraceArtifact(WorkerStage, $"unit {i + 1}/{chunks.Count} after {c.Label}", unit, CiteLabels(unit, chunks)));
            run.CallFinished(WorkerStage);
        }

        var managerVariables = new Dictionary<string, string>
        {
            ["task"] = task.Instruction,
            ["last_unit"] = unit == NoNotesYet ? "(the workers wrote no notes)" : unit,
            ["answer_words"] = task.Words.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var answer = (await caller.InvokeAsync(PromptFolder, managerPrompt, ManagerStage, managerVariables, Options.AnswerTokens, cancellationToken).ConfigureAwait(false)).Trim();
        run.CallFinished(ManagerStage);

        // The answer's own labels; when it cites none, the labels of the unit it was written from.
        var citations = CiteLabels(answer, chunks);
        if (citations.Count == 0) citations = CiteLabels(unit, chunks);
        return new PipelineResult(answer, citations, run.Trace);
    }

    private (string Worker, string Manager) PromptNames(PipelineRequest task) => task.IsCode
        ? ("CodeWorker", "CodeManager")
        : task.Goal == PipelineGoal.Answer ? ("QuestionWorker", "QuestionManager") : ("SummaryWorker", "SummaryManager");

    private Dictionary<string, string> WorkerVariables(PipelineRequest task, int number, int count, string label, string source, string chunk, string previousUnit) => new()
    {
        ["task"] = task.Instruction,
        ["worker_number"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["worker_count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["previous_unit"] = previousUnit,
        ["chunk_label"] = label,
        ["chunk_source"] = source,
        ["chunk"] = chunk,
        ["unit_words"] = (Options.UnitTokens * 3 / 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task EnsureManagerFits(PromptCaller caller, PipelineRequest task, string managerPrompt, CancellationToken cancellationToken)
    {
        var empty = new Dictionary<string, string> { ["task"] = task.Instruction, ["last_unit"] = "", ["answer_words"] = "99999" };
        int instruction = await caller.CountPromptTokensAsync(PromptFolder, managerPrompt, empty, cancellationToken).ConfigureAwait(false) + TokenBudget.BoundaryReserve;
        int needed = instruction + Options.UnitTokens + Options.AnswerTokens;
        if (needed > model.Profile.ContextLength)
            throw new ModelException("ChainOfAgentsOptions.AnswerTokens", $"the model's context of {model.Profile.ContextLength} tokens cannot hold the chain-of-agents manager prompt: {instruction} instruction + {Options.UnitTokens} unit (ChainOfAgentsOptions.UnitTokens) + {Options.AnswerTokens} answer (ChainOfAgentsOptions.AnswerTokens) tokens; lower ChainOfAgentsOptions.AnswerTokens or ChainOfAgentsOptions.UnitTokens, or use a model with a longer context");
    }

    // Each [Cn] label points at the sentences of chunk n that support the claim carrying it (the whole chunk when
    // none shares a content word with the claim), so a citation quotes the evidence rather than the whole chunk.
    private static IReadOnlyList<Citation> CiteLabels(string text, IReadOnlyList<ReadingChunk> chunks)
    {
        var citations = new List<Citation>();
        foreach (var claim in CitedClaims.Find(text, 'C'))
        {
            if (claim.Label < 1 || claim.Label > chunks.Count) continue;
            foreach (var citation in EvidenceLocator.InChunk(claim.Claim, chunks[claim.Label - 1]))
                if (!citations.Contains(citation)) citations.Add(citation);
        }
        return citations;
    }
}
