using AgentFramework.Agents.Text;
using System.Globalization;
using System.Text;
using AgentFramework.Agents.Execution;

using AgentFramework.Citations;
using AgentFramework.Errors;
using AgentFramework.Tracing;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents.FullContext;

/// <summary>
/// The full-context baseline: the whole text in one prompt when it fits; otherwise LongBench's middle truncation to
/// the window left after the instruction and the reserved output. Counters: document_tokens, kept_tokens,
/// truncated_tokens. One call. Citations: each answer sentence cites the sentences of the kept text that support it
/// (<see cref="EvidenceLocator"/>, at least two shared content words), so the prompt needs no span labels and a
/// citation never points at text the model did not see.
/// </summary>
public sealed class FullContextPipeline(PipelineModel model, IOptions<FullContextOptions> options) : IDocumentPipeline
{
    public const string PromptFolder = "FullContext";
    public const string Stage = "full-context/answer";

    public string Name => PipelineNames.FullContext;

    public bool NeedsModel => true;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public async Task<PipelineResult> RunAsync(PipelineRequest task, PipelineRun run, CancellationToken cancellationToken)
    {
        var caller = model.Caller(Name);
        var counter = model.Profile.TokenCounter;
        int answerTokens = options.Value.AnswerTokens;
        string function = task.Goal == PipelineGoal.Answer ? "Answer" : "Summarize";
        var variables = new Dictionary<string, string>
        {
            ["question"] = task.Question ?? "",
            ["answer_words"] = task.Words.ToString(CultureInfo.InvariantCulture),
            ["document"] = "",
        };
        int instruction = await caller.CountPromptTokensAsync(PromptFolder, function, variables, cancellationToken).ConfigureAwait(false) + TokenBudget.BoundaryReserve;
        int budget = model.Profile.ContextLength - answerTokens - instruction;
        if (budget < 16)
            throw new ModelException("FullContextOptions.AnswerTokens", $"the model's context of {model.Profile.ContextLength} tokens leaves no room for the document after {instruction} instruction and {answerTokens} output tokens (FullContextOptions.AnswerTokens); lower FullContextOptions.AnswerTokens or use a model with a longer context");

        var (joined, offsets) = JoinDocuments(task);
        int questionAllowance = 0;
        if (TruncationMemo.CountTokens(joined, counter) > budget && task.Question is { Length: > 0 } question)
        {
            // A truncated document is cut the same way for every question up to the allowance, so questions over one
            // document share the kept text as a prompt prefix (the runtime's prefix cache; servers' prompt caching).
            questionAllowance = QuestionAllowance(counter.CountTokens(question));
            variables["question"] = "";
            int withoutQuestion = await caller.CountPromptTokensAsync(PromptFolder, function, variables, cancellationToken).ConfigureAwait(false) + TokenBudget.BoundaryReserve;
            variables["question"] = question;
            budget = Math.Max(16, Math.Min(budget, model.Profile.ContextLength - answerTokens - withoutQuestion - questionAllowance));
        }
        var kept = TruncationMemo.Apply(joined, budget, counter);
        run.Trace.Increment("document_tokens", kept.DocumentTokens);
        run.Trace.Increment("kept_tokens", kept.HeadTokens + kept.TailTokens);
        run.Trace.Increment("truncated_tokens", kept.TruncatedTokens);
        run.Trace.AddArtifact(new TraceArtifact("full-context/truncation", "budget",
            $"budget={budget} question_allowance={questionAllowance} document_tokens={kept.DocumentTokens} head_tokens={kept.HeadTokens} tail_tokens={kept.TailTokens} truncated_tokens={kept.TruncatedTokens}"));
        if (kept.TruncatedTokens > 0)
        {
            int kepts = kept.HeadTokens + kept.TailTokens;
            double percent = 100.0 * kept.TruncatedTokens / Math.Max(1, kept.DocumentTokens);
            run.Trace.Warn(TraceNoticeCodes.ContextTruncated, string.Create(CultureInfo.InvariantCulture,
                $"full-context: the document is {kept.DocumentTokens} tokens and the window holds {budget}: kept {kepts} tokens (head {kept.HeadTokens}, tail {kept.TailTokens}), dropped {kept.TruncatedTokens} from the middle ({percent:F1}%); chain-of-agents reads the whole text"));
        }
        run.PlanCalls(1, Stage);

        variables["document"] = kept.Text;
        var answer = (await caller.InvokeAsync(PromptFolder, function, Stage, variables, answerTokens, cancellationToken).ConfigureAwait(false)).Trim();
        run.CallFinished(Stage);
        return new PipelineResult(answer, Cite(answer, KeptRanges(task, offsets, kept.Head.Length, joined.Length - kept.Tail.Length)), run.Trace);
    }

    /// <summary>Tokens set aside for the question when the document is truncated: its count rounded up to a step.</summary>
    public const int QuestionAllowanceStep = 64;

    internal static int QuestionAllowance(int questionTokens) =>
        (questionTokens + QuestionAllowanceStep - 1) / QuestionAllowanceStep * QuestionAllowanceStep;

    // An answer sentence needs two shared content words (one if it has only one): over a whole document a single
    // common word would cite almost anything.
    private const int MinSharedWords = 2;

    private static IReadOnlyList<Citation> Cite(string answer, IEnumerable<EvidenceRange> kept)
    {
        var locator = new EvidenceLocator(kept);
        var citations = new List<Citation>();
        foreach (var line in answer.Split('\n'))
            foreach (var sentence in SentenceSplitter.Split(line))
                foreach (var citation in locator.Find(line[sentence.Start..sentence.End], maxSpans: 2, minOverlap: MinSharedWords))
                    if (!citations.Contains(citation)) citations.Add(citation);
        return citations;
    }

    // The parts of each document inside the kept head [0, headEnd) and tail [tailStart, end) of the joined text.
    private static IEnumerable<EvidenceRange> KeptRanges(PipelineRequest task, IReadOnlyList<int> offsets, int headEnd, int tailStart)
    {
        for (int i = 0; i < task.Documents.Count; i++)
        {
            var document = task.Documents[i];
            int start = offsets[i], end = offsets[i] + document.Text.Length;
            if (headEnd > start) yield return new EvidenceRange(document, 0, Math.Min(end, headEnd) - start);
            if (tailStart < end) yield return new EvidenceRange(document, Math.Max(start, tailStart) - start, document.Text.Length);
        }
    }

    // Several documents are read as one text, each under a header naming it; offsets are where each text starts.
    private static (string Text, IReadOnlyList<int> Offsets) JoinDocuments(PipelineRequest task)
    {
        if (task.Documents.Count == 1) return (task.Documents[0].Text, [0]);
        var text = new StringBuilder();
        var offsets = new List<int>();
        foreach (var d in task.Documents)
        {
            text.Append("=== ").Append(d.Name).Append(" ===\n");
            offsets.Add(text.Length);
            text.Append(d.Text).Append("\n\n");
        }
        return (text.ToString(), offsets);
    }
}
