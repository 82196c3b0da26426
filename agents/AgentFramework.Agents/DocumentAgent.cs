using AgentFramework.Agents.Execution;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.Agents;

/// <summary>
/// The <see cref="IDocumentAgent"/> facade: validates the request, opens a trace (ambient for the model middleware),
/// runs the chosen pipeline and returns its text, citations and trace.
/// </summary>
public sealed class DocumentAgent(IEnumerable<IReadingPipeline> pipelines, ILogger<DocumentAgent>? logger = null) : IDocumentAgent
{
    private readonly Dictionary<PipelineKind, IReadingPipeline> _pipelines = pipelines.ToDictionary(p => p.Kind);
    private readonly ILogger _logger = logger ?? NullLogger<DocumentAgent>.Instance;

    public Task<PipelineResult> AskAsync(IReadOnlyList<Document> documents, string question, PipelineKind pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
            throw new InvalidOptionException("ReadingTask.Question", "ReadingTask.Question is empty: give the question to answer, e.g. ReadingTask.Question \"Who is Ahab?\"");
        options ??= new PipelineRunOptions();
        return RunAsync(new ReadingTask(Validate(documents), ReadingGoal.Answer, question.Trim(), options.SummaryWords), pipeline, options, progress, cancellationToken);
    }

    public Task<PipelineResult> SummarizeAsync(IReadOnlyList<Document> documents, PipelineKind pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new PipelineRunOptions();
        if (options.SummaryWords < 10)
            throw new InvalidOptionException("PipelineRunOptions.SummaryWords", $"PipelineRunOptions.SummaryWords {options.SummaryWords} is too small: give at least 10");
        return RunAsync(new ReadingTask(Validate(documents), ReadingGoal.Summarize, null, options.SummaryWords), pipeline, options, progress, cancellationToken);
    }

    private async Task<PipelineResult> RunAsync(ReadingTask task, PipelineKind kind, PipelineRunOptions options, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        if (!_pipelines.TryGetValue(kind, out var pipeline))
            throw new InvalidOptionException("PipelineKind", $"the {PipelineKinds.Name(kind)} pipeline is not registered; available: {string.Join(", ", _pipelines.Keys.Select(PipelineKinds.Name))}");
        var trace = new PipelineTrace();
        using var _ = PipelineContext.Begin(trace);
        using var __ = PipelineContext.Stage(PipelineKinds.Name(kind));
        _logger.LogInformation("Running {Pipeline} ({Goal}) over {Count} document(s)", PipelineKinds.Name(kind), task.Goal, task.Documents.Count);
        var output = await pipeline.RunAsync(task, new PipelineRun(trace, progress), options, cancellationToken);
        trace.AddArtifact(new TraceArtifact(PipelineKinds.Name(kind), "result", output.Text, output.Citations));
        return new PipelineResult(output.Text, output.Citations, trace);
    }

    private static IReadOnlyList<Document> Validate(IReadOnlyList<Document> documents)
    {
        if (documents.Count == 0) throw new UserInputException("PATH", "no document given: pass a file or folder to read");
        if (documents.All(d => string.IsNullOrWhiteSpace(d.Text)))
            throw new UserInputException(documents[0].Name, $"{documents[0].Name} has no text to read");
        return documents;
    }
}
