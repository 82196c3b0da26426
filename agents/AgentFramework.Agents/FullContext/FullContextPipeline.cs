using System.Globalization;
using System.Text;
using AgentFramework.Agents.Execution;
using AgentFramework.Errors;
using AgentFramework.Tracing;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents.FullContext;

/// <summary>
/// The full-context baseline: the whole text in one prompt when it fits; otherwise LongBench's middle truncation to
/// the window left after the instruction and the reserved output. Counters: document_tokens, kept_tokens,
/// truncated_tokens. One call, no citations (the model sees no span labels).
/// </summary>
public sealed class FullContextPipeline(PipelineModel model, IOptions<AgentFrameworkOptions> options) : IReadingPipeline
{
    public const string PromptFolder = "FullContext";
    public const string Stage = "full-context/answer";

    public PipelineKind Kind => PipelineKind.FullContext;

    public bool NeedsModel => true;

    public async Task<PipelineOutput> RunAsync(ReadingTask task, PipelineRun run, PipelineRunOptions runOptions, CancellationToken cancellationToken)
    {
        var caller = model.Caller(Kind);
        var counter = model.Profile.TokenCounter;
        int answerTokens = options.Value.FullContext.AnswerTokens;
        string function = task.Goal == ReadingGoal.Answer ? "Answer" : "Summarize";
        var variables = new Dictionary<string, string>
        {
            ["question"] = task.Question ?? "",
            ["answer_words"] = task.SummaryWords.ToString(CultureInfo.InvariantCulture),
            ["document"] = "",
        };
        int instruction = counter.CountTokens(await caller.RenderAsync(PromptFolder, function, variables, cancellationToken)) + TokenBudget.ChatTemplateReserve;
        int budget = model.Profile.ContextLength - answerTokens - instruction;
        if (budget < 16)
            throw new ModelException("--model", $"the model's context of {model.Profile.ContextLength} tokens leaves no room for the document after {instruction} instruction and {answerTokens} output tokens; use a model with a longer context");

        var kept = MiddleTruncation.Apply(JoinDocuments(task), budget, counter);
        run.Trace.Increment("document_tokens", kept.DocumentTokens);
        run.Trace.Increment("kept_tokens", kept.HeadTokens + kept.TailTokens);
        run.Trace.Increment("truncated_tokens", kept.TruncatedTokens);
        run.Trace.AddArtifact(new TraceArtifact("full-context/truncation", "budget",
            $"budget={budget} document_tokens={kept.DocumentTokens} head_tokens={kept.HeadTokens} tail_tokens={kept.TailTokens} truncated_tokens={kept.TruncatedTokens}"));
        run.PlanCalls(1, Stage);

        variables["document"] = kept.Text;
        var answer = (await caller.InvokeAsync(PromptFolder, function, Stage, variables, answerTokens, cancellationToken)).Trim();
        run.CallFinished(Stage);
        return new PipelineOutput(answer, []);
    }

    // Several documents are read as one text, each under a header naming it.
    private static string JoinDocuments(ReadingTask task)
    {
        if (task.Documents.Count == 1) return task.Documents[0].Text;
        var text = new StringBuilder();
        foreach (var d in task.Documents) text.Append("=== ").Append(d.Name).Append(" ===\n").Append(d.Text).Append("\n\n");
        return text.ToString();
    }
}
