using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Agents;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.Text;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Plugins.Prompts;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Cli.Reading;

/// <summary>What one <c>ask</c> or <c>summarize</c> invocation asked for.</summary>
/// <param name="Store">An index built by <c>agentfw ingest</c> for retrieve-then-reason to search; null to index PATH for this run.</param>
/// <param name="EmbeddingModel">The ONNX embedding folder the store was built with; null for the built-in hashing embedding.</param>
public sealed record ReadingRequest(string Path, string? Pipeline, string? PromptsDirectory, string? TracePath, string? Question, int SummaryWords,
    ReadingBudgets? Budgets = null, string? Store = null, string? EmbeddingModel = null)
{
    /// <summary>Further questions (<c>ask</c> with several -q), answered after <see cref="Question"/> in the same run.</summary>
    public IReadOnlyList<string> MoreQuestions { get; init; } = [];
}

/// <summary>
/// Runs a reading command: loads the document, resolves the model (none → extractive, said on stderr), runs the
/// pipeline with progress on stderr, prints the text (or --json), writes --trace FILE, and ends with a line of totals.
/// </summary>
public static partial class ReadingCommandRunner
{
    public static async Task<int> RunAsync(ParseResult parse, ReadingRequest request, CliSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // A missing --prompts folder fails before anything is loaded.
        if (request.PromptsDirectory is not null) _ = new PromptLibrary(request.PromptsDirectory);
                // --store only means something to retrieve-then-reason, so it picks that pipeline when none is named.
        var kind = ChoosePipeline(request.Pipeline ?? (request.Store is null ? null : PipelineNames.RetrieveThenReason), !settings.HasNoModel,
            request.Question is null ? PipelineGoal.Summarize : PipelineGoal.Answer);
        var budgets = request.Budgets ?? new ReadingBudgets();
        budgets.EnsureAppliesTo(kind);
        EnsureStoreApplies(request, kind);
        if (request.MoreQuestions.Count > 0 && request.TracePath is not null)
            throw new InvalidOptionException("--trace", "--trace writes the trace of one question: ask one -q with --trace, or drop --trace (--json has each answer's trace summary)");
        var document = await new DocumentLoader(DocumentLimitOptions.Current).LoadAsync(request.Path, cancellationToken);
        foreach (var warning in document.Warnings) Console.Error.WriteLine($"warning: {LibraryOptionFlags.Translate(warning)}");
        // The store is checked before the model is loaded: a missing document fails fast.
        await using var stored = request.Store is { } location
            ? await StoredIndex.OpenAsync(location, request.EmbeddingModel, request.Path, document, cancellationToken)
            : null;
        using var model = await ModelResolver.ResolveAsync(parse, settings, cancellationToken);

        await using var provider = PipelineServices.Build(model, request.PromptsDirectory, framework =>
        {
            budgets.ApplyTo(framework);
        }, builder =>
        {
            // Memories are kept beside the call cache, keyed by document, model and embedder, so later questions skip reading.
            // Only a memory-stream run opens that database (start-up, issue 15).
            if (kind == PipelineNames.MemoryStream) builder.Services.AddMemoryStreamPipeline(Path.Combine(Path.GetDirectoryName(ModelResolver.DefaultCachePath())!, "memory.db"), budgets.ApplyTo);
        });
        var agent = provider.GetRequiredService<IDocumentAgent>();

        var options = new PipelineRunOptions { SummaryWords = request.SummaryWords, Index = stored?.Index };
        List<(string Question, PipelineResult Result)>? answers = null;
        PipelineResult result;
        try
        {
            result = await ProgressBoard.RunAsync(async board =>
            {
                var progress = new StderrProgress(board, kind);
                var first = request.Question is { } question
                    ? await agent.AskAsync([document], question, kind, options, progress, cancellationToken)
                    : await agent.SummarizeAsync([document], kind, options, progress, cancellationToken);
                if (request.MoreQuestions.Count > 0)
                {
                    // Several -q: one after another over the same loaded document, model, chunking and index.
                    answers = [(request.Question!, first)];
                    foreach (var more in request.MoreQuestions)
                        answers.Add((more, await agent.AskAsync([document], more, kind, options, progress, cancellationToken)));
                }
                return first;
            });
        }
        catch (AgentFramework.Agents.Execution.PromptBudgetException e) when (request.TracePath is not null && e.Trace is not null)
        {
            // Our budget bug (exit 1), but the trace up to the failing call is what a report needs.
            WriteTrace(request.TracePath, kind, new PipelineResult("", [], e.Trace));
            throw;
        }
        if (answers is not null) return PrintSeveral(kind, answers, document, settings, clock);

        if (request.TracePath is { } tracePath) WriteTrace(tracePath, kind, result);
        if (settings.Json) CliJson.Write(ReadingJson.From(kind, result));
        else PrintText(result, document);
        TraceSummaryJson.PrintNotices(Console.Error, [result.Trace]);
        var t = result.Trace;
        Console.Error.WriteLine($"{kind}: {t.CallCount} calls ({t.CachedCallCount} cached), tokens in/out {t.PromptTokens}/{t.CompletionTokens}, {StderrProgress.Format(clock.Elapsed)}");
        return ExitCodes.Success;
    }

    private static int PrintSeveral(string kind, List<(string Question, PipelineResult Result)> answers, Document document, CliSettings settings, Stopwatch clock)
    {
        if (settings.Json) CliJson.Write(new { Answers = answers.Select(a => new { a.Question, Answer = ReadingJson.From(kind, a.Result) }).ToArray() });
        else
            foreach (var (question, result) in answers)
            {
                Console.WriteLine($"Q: {question}");
                PrintText(result, document);
                Console.WriteLine();
            }
        var traces = answers.Select(a => a.Result.Trace).ToList();
        TraceSummaryJson.PrintNotices(Console.Error, traces);
        Console.Error.WriteLine($"{kind}: {answers.Count} questions, {traces.Sum(t => t.CallCount)} calls ({traces.Sum(t => t.CachedCallCount)} cached), " +
            $"tokens in/out {traces.Sum(t => t.PromptTokens)}/{traces.Sum(t => t.CompletionTokens)} ({traces.Sum(t => t.CachedPromptTokens)} prompt tokens from the prefix cache), {StderrProgress.Format(clock.Elapsed)}");
        return ExitCodes.Success;
    }

    /// <summary>The registered pipeline <c>--pipeline</c> names (from the container's catalog: built-ins and a host's), checked against the command's job and the model.</summary>
    private static string ChoosePipeline(string? name, bool hasModel, PipelineGoal goal)
    {
        if (name is null)
        {
            if (hasModel) return PipelineNames.ChainOfAgents;
            Console.Error.WriteLine("no model or endpoint configured (--model, --endpoint, AGENTFW_MODEL, AGENTFW_ENDPOINT): using the extractive pipeline, which calls no model");
            return PipelineNames.Extractive;
        }
        // Only the named pipeline is built; the others only when the message must list them.
        var chosen = PipelineServices.Find(name);
        string Able() => string.Join(", ", PipelineServices.NamesFor(goal));
        if (chosen is null)
            throw new InvalidOptionException("--pipeline", $"--pipeline '{name}' is unknown: use one of {Able()}");
        if (!chosen.Goals.Contains(goal))
            throw new InvalidOptionException("--pipeline", $"--pipeline {chosen.Name} does not {(goal == PipelineGoal.Answer ? "answer questions" : "summarise")}: use one of {Able()}");
        if (chosen.NeedsModel && !hasModel)
            throw new ModelException("--pipeline", $"--pipeline {name} needs a model: pass --model DIR or --endpoint URL, or use a pipeline that needs none ({string.Join(", ", PipelineServices.Choices().Where(c => !c.NeedsModel && c.Goals.Contains(goal)).Select(c => c.Name))})");
        return chosen.Name;
    }

    private static void EnsureStoreApplies(ReadingRequest request, string kind)
    {
        if (request.Store is not null && kind != PipelineNames.RetrieveThenReason)
            throw new InvalidOptionException("--store", $"--store is searched by --pipeline retrieve-then-reason only, not {kind}: add --pipeline retrieve-then-reason or drop --store");
        if (request.EmbeddingModel is not null && request.Store is null)
            throw new InvalidOptionException("--embedding-model", "--embedding-model names the embedding of a --store: give --store LOCATION too, or drop it");
    }

    private static void PrintText(PipelineResult result, Document document)
    {
        Console.WriteLine(result.Text);
        // A codebase outline cites file:line on every line already; a second list of the same places adds nothing.
        if (result.Citations.Count == 0 || result.Trace.Artifacts.Any(a => a.Name == CodebaseOutline.ArtifactTitle)) return;
        Console.WriteLine();
        Console.WriteLine("Sources:");
        for (int i = 0; i < result.Citations.Count; i++)
        {
            var c = result.Citations[i];
            var where = c.Document == document.Name ? document.SourceMap.Locate(c.Start).ToString() : c.Document;
            var quote = Whitespace.Collapse(c.Quote);
            if (quote.Length > 100) quote = quote[..97] + "...";
            Console.WriteLine($"  [{i + 1}] {where} [{c.Start},{c.End}) \"{quote}\"");
        }
    }

    // Written to a temporary file first, so an interrupted write never leaves half a trace behind.
    private static void WriteTrace(string path, string kind, PipelineResult result)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new InvalidOptionException("--trace", $"--trace {path}: folder {folder} does not exist; create it or choose another file");
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(FullTraceJson.From(kind, result.Trace), CliJson.Options));
        File.Move(temporary, full, overwrite: true);
    }
}
