using System.ComponentModel;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Documents;
using AgentFramework.Errors;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.Agents.Tools;

/// <summary>
/// The pipelines offered as tools to a user's own agent: a Semantic Kernel plugin (<see cref="AsKernelPlugin"/>) and
/// Microsoft.Extensions.AI functions (<see cref="AsAIFunctions"/>) named <c>ask_document</c>, <c>summarize_document</c>
/// and <c>write_long_form</c>. An agent whose window holds a few thousand tokens can thus read a book or a codebase.
/// Tool arguments come from a model, so paths are confined to <see cref="DocumentToolsOptions.AllowedRoots"/> and
/// every failure is returned as <see cref="DocumentToolResult.Error"/> for the model to read, never thrown at it.
/// </summary>
public sealed class DocumentTools
{
    private readonly IDocumentAgent _agent;
    private readonly IDocumentLoader _loader;
    private readonly PipelineModel _model;
    private readonly IReadOnlyList<string> _roots;

    public DocumentTools(IDocumentAgent agent, IDocumentLoader loader, PipelineModel model, DocumentToolsOptions? options = null)
    {
        _agent = agent;
        _loader = loader;
        _model = model;
        var roots = options?.AllowedRoots is { Count: > 0 } given ? given : [Directory.GetCurrentDirectory()];
        _roots = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToArray();
    }

    [KernelFunction("ask_document")]
    [Description("Answers a question about a document or a folder of documents of any length (books, reports, codebases), with citations to the source text.")]
    public async Task<DocumentToolResult> AskDocumentAsync(
        [Description("Path of a file (.txt .md .html .pdf .docx or source code) or of a folder")] string path,
        [Description("The question to answer from the document")] string question,
        [Description("Reading pipeline: auto, chain-of-agents, retrieve-then-reason, memory-stream, full-context or extractive (no model)")] string pipeline = "auto",
        CancellationToken cancellationToken = default)
    {
        var kind = ChoosePipeline(pipeline, PipelineNames.RetrieveThenReason, out var choiceError);
        if (choiceError is not null) return DocumentToolResult.Failed(pipeline, choiceError);
        return await RunAsync(kind, path, document => _agent.AskAsync([document], question, kind, cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    [KernelFunction("summarize_document")]
    [Description("Summarises a document or a folder of documents of any length, with citations to the source text.")]
    public async Task<DocumentToolResult> SummarizeDocumentAsync(
        [Description("Path of a file (.txt .md .html .pdf .docx or source code) or of a folder")] string path,
        [Description("Length of the summary in words")] int words = 300,
        [Description("Reading pipeline: auto, chain-of-agents, memory-stream, full-context or extractive (no model)")] string pipeline = "auto",
        CancellationToken cancellationToken = default)
    {
        var kind = ChoosePipeline(pipeline, PipelineNames.ChainOfAgents, out var choiceError);
        if (choiceError is not null) return DocumentToolResult.Failed(pipeline, choiceError);
        var options = new PipelineRunOptions { SummaryWords = words };
        return await RunAsync(kind, path, document => _agent.SummarizeAsync([document], kind, options, cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    [KernelFunction("write_long_form")]
    [Description("Writes a long text (thousands of words) by planning sections with word budgets and writing them one by one.")]
    public async Task<DocumentToolResult> WriteLongFormAsync(
        [Description("What to write, e.g. 'A history of whaling in New England'")] string instruction,
        [Description("Target length in words")] int words = 2000,
        [Description("Optional path of a file to write the text to; the result then says where it went instead of returning the text")] string? outputPath = null,
        CancellationToken cancellationToken = default)
    {
        if (!_model.HasChatModel)
            return DocumentToolResult.Failed(PlanThenWritePipeline.Name, "writing needs a chat model: register an IChatClient");
        if (words < 1) return DocumentToolResult.Failed(PlanThenWritePipeline.Name, $"words must be positive (got {words})");
        string? target = null;
        if (outputPath is not null && !TryConfine(outputPath, out target, out var pathError))
            return DocumentToolResult.Failed(PlanThenWritePipeline.Name, pathError);
        try
        {
            var written = await _agent.RunAsync(PipelineNames.PlanThenWrite, new PipelineRequest([], PipelineGoal.Write, instruction, words),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var result = written.Extra<WritingResult>()!;
            var text = result.Markdown;
            if (target is not null)
            {
                await File.WriteAllTextAsync(target, text, cancellationToken).ConfigureAwait(false);
                text = $"wrote {result.WrittenWords} words to {outputPath}";
            }
            return new DocumentToolResult(text, PlanThenWritePipeline.Name, [], result.Trace.CallCount);
        }
        catch (UserInputException e)
        {
            return DocumentToolResult.Failed(PlanThenWritePipeline.Name, e.Message);
        }
    }

    /// <summary>The three tools as a Semantic Kernel plugin (add it to <c>kernel.Plugins</c>).</summary>
    public KernelPlugin AsKernelPlugin(string pluginName = "documents") => KernelPluginFactory.CreateFromObject(this, pluginName);

    /// <summary>The three tools as Microsoft.Extensions.AI functions (put them in <c>ChatOptions.Tools</c>).</summary>
    public IReadOnlyList<AIFunction> AsAIFunctions() =>
    [
        Create(AskDocumentAsync, "ask_document"),
        Create(SummarizeDocumentAsync, "summarize_document"),
        Create(WriteLongFormAsync, "write_long_form"),
    ];

    private static AIFunction Create(Delegate method, string name) => AIFunctionFactory.Create(method, new AIFunctionFactoryOptions
    {
        Name = name,
        Description = method.Method.GetCustomAttributes(typeof(DescriptionAttribute), false).OfType<DescriptionAttribute>().FirstOrDefault()?.Description,
    });

    private async Task<DocumentToolResult> RunAsync(string name, string path, Func<Document, Task<PipelineResult>> run, CancellationToken cancellationToken)
    {
        if (!TryConfine(path, out var fullPath, out var pathError)) return DocumentToolResult.Failed(name, pathError);
        try
        {
            var document = await _loader.LoadAsync(fullPath, cancellationToken).ConfigureAwait(false);
            var result = await run(document).ConfigureAwait(false);
            var citations = result.Citations.Select(c => new DocumentToolCitation(c.Document, c.Start, c.End, c.Quote)).ToArray();
            return new DocumentToolResult(result.Text, name, citations, result.Trace.CallCount);
        }
        catch (UserInputException e)
        {
            return DocumentToolResult.Failed(name, e.Message);
        }
    }

    private string ChoosePipeline(string requested, string withModel, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(requested) || requested.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
            return _model.HasChatModel ? withModel : PipelineNames.Extractive;
        var readers = _agent.Pipelines.Where(n => n != PipelineNames.PlanThenWrite).ToArray();
        if (readers.FirstOrDefault(n => n.Equals(requested.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name) return name;
        error = $"unknown pipeline '{requested}': use auto, {string.Join(", ", readers)}";
        return "";
    }

    private bool TryConfine(string path, out string fullPath, out string error)
    {
        fullPath = Path.GetFullPath(path);
        error = "";
        var candidate = fullPath;
        if (_roots.Any(root => candidate == root || candidate.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            return true;
        error = $"{path} is outside the folders these tools may use ({string.Join(", ", _roots)})";
        return false;
    }
}
