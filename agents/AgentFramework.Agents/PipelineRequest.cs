using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;

namespace AgentFramework.Agents;

/// <summary>What to do: answer a question about documents, summarise them, or write a long text.</summary>
public enum PipelineGoal { Answer, Summarize, Write }

/// <summary>
/// The one request type of <see cref="IDocumentPipeline"/>. <see cref="Question"/> is the question (Answer) or the
/// writing instruction (Write); <see cref="Words"/> the summary length (Summarize) or the length to write (Write).
/// <see cref="IsCode"/> when the documents are source trees (file names matter).
/// </summary>
public sealed record PipelineRequest(IReadOnlyList<Document> Documents, PipelineGoal Goal, string? Question, int Words)
{
    /// <summary>An index that already holds the documents (retrieve-then-reason) or evidence to ground writing in; null for none.</summary>
    public IChunkIndex? Index { get; init; }

    /// <summary>
    /// The document already split by the caller, in reading order (memory-stream's <c>AskAsync</c>/<c>SummarizeAsync</c>
    /// facades): a pipeline that reads given chunks uses them instead of splitting; null lets the pipeline chunk to its
    /// own prompt budget (the other built-in pipelines always do).
    /// </summary>
    public IReadOnlyList<Chunk>? Chunks { get; init; }

    /// <summary>Restricts writing evidence to one document of <see cref="Index"/>.</summary>
    public string? GroundingDocumentId { get; init; }

    /// <summary>Writing: start the document with a title and the plan as an outline.</summary>
    public bool TitleAndOutline { get; init; } = true;

    /// <summary>Receives typed progress reports a pipeline offers besides the common <see cref="PipelineProgress"/> (e.g. sections being written).</summary>
    public object? DetailedProgress { get; init; }

    /// <remarks>A folder counts as code when most of its characters are in files of a programming language.</remarks>
    public bool IsCode => Documents.Count > 0 && Documents.All(d => d.Kind == DocumentKind.SourceCode
        || (d.Kind == DocumentKind.Collection && d.Files.Count > 0
            && d.Files.Where(f => !SourceLanguages.IsProse(f.Language)).Sum(f => (long)(f.End - f.Start)) * 2 > d.Text.Length));

    /// <summary>The instruction the models are given: the question (or writing instruction), or the summary task.</summary>
    public string Instruction => Goal != PipelineGoal.Summarize
        ? Question!
        : IsCode ? $"Describe what this codebase does and how it is organised, in at most {Words} words."
                 : $"Summarise the document in at most {Words} words.";

    public Document DocumentById(string id) => Documents.First(d => d.Id == id);
}
