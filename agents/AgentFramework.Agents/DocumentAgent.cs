using AgentFramework.Agents.Execution;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.Agents;

/// <summary>
/// The <see cref="IDocumentAgent"/> facade: validates the request, looks the pipeline up by name in the
/// <see cref="PipelineCatalog"/>, runs it through <see cref="PipelineRunner"/> and returns its text, citations and trace.
/// </summary>
public sealed class DocumentAgent(PipelineCatalog catalog, ILogger<DocumentAgent>? logger = null) : IDocumentAgent
{
    private readonly ILogger _logger = logger ?? NullLogger<DocumentAgent>.Instance;

    public IReadOnlyList<string> Pipelines => catalog.Names;

    public Task<PipelineResult> AskAsync(IReadOnlyList<Document> documents, string question, string pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
            throw new InvalidOptionException("PipelineRequest.Question", "PipelineRequest.Question is empty: give the question to answer, e.g. PipelineRequest.Question \"Who is Ahab?\"");
        options ??= new PipelineRunOptions();
        return RunAsync(pipeline, new PipelineRequest(Validate(documents), PipelineGoal.Answer, question.Trim(), options.SummaryWords) { Index = options.Index },
            progress, cancellationToken);
    }

    public Task<PipelineResult> SummarizeAsync(IReadOnlyList<Document> documents, string pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new PipelineRunOptions();
        if (options.SummaryWords < 10)
            throw new InvalidOptionException("PipelineRunOptions.SummaryWords", $"PipelineRunOptions.SummaryWords {options.SummaryWords} is too small: give at least 10");
        return RunAsync(pipeline, new PipelineRequest(Validate(documents), PipelineGoal.Summarize, null, options.SummaryWords) { Index = options.Index },
            progress, cancellationToken);
    }

    public async Task<PipelineResult> RunAsync(string pipeline, PipelineRequest request, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var chosen = catalog.Get(pipeline);
        if (!chosen.Supports(request.Goal))
            throw new InvalidOptionException("PipelineNames", $"the {chosen.Name} pipeline does not {Verb(request.Goal)}; pipelines that do: {string.Join(", ", Able(request.Goal))}");
        _logger.LogInformation("Running {Pipeline} ({Goal}) over {Count} document(s)", chosen.Name, request.Goal, request.Documents.Count);
        var result = await PipelineRunner.RunAsync(chosen, request, progress, cancellationToken).ConfigureAwait(false);
        if (request.Goal != PipelineGoal.Write)
            result.Trace.AddArtifact(new TraceArtifact(chosen.Name, "result", result.Text, result.Citations));
        return result;
    }

    private IEnumerable<string> Able(PipelineGoal goal) =>
        catalog.Names.Where(n => { try { return catalog.Get(n).Supports(goal); } catch (UserInputException) { return false; } });

    private static string Verb(PipelineGoal goal) => goal switch
    {
        PipelineGoal.Answer => "answer questions",
        PipelineGoal.Summarize => "summarise",
        _ => "write",
    };

    private static IReadOnlyList<Document> Validate(IReadOnlyList<Document> documents)
    {
        if (documents.Count == 0) throw new UserInputException("PATH", "no document given: pass a file or folder to read");
        if (documents.All(d => string.IsNullOrWhiteSpace(d.Text)))
            throw new UserInputException(documents[0].Name, $"{documents[0].Name} has no text to read");
        return documents;
    }
}
