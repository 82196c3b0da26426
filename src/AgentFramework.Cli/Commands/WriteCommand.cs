using System.CommandLine;
using System.Globalization;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Agents;
using Microsoft.Extensions.DependencyInjection;
using AgentFramework.Cli.Reading;
using AgentFramework.Plugins.Prompts;

namespace AgentFramework.Cli.Commands;

/// <summary>
/// <c>agentfw write INSTRUCTION --words N</c>: plan-then-write a long Markdown document to a measured length, with
/// progress per section on stderr and a final table of target vs written words.
/// </summary>
public static class WriteCommand
{
    public const int MaxWords = 200_000;

    public static Command Create()
    {
        var instruction = new Argument<string?>("instruction") { Description = "What to write (or use --instruction-file)", Arity = ArgumentArity.ZeroOrOne };
        var instructionFile = new Option<string?>("--instruction-file") { Description = "Read the writing instruction from this text file" };
        var words = new Option<int>("--words") { Description = "Length to write, in LongBench-Write words (English words + CJK characters)", Required = true };
        var grounding = new Option<string?>("--grounding") { Description = "A document or folder to ground the writing in: each section retrieves evidence from it and cites it" };
        var output = new Option<string?>("--out") { Description = "Write the Markdown to this file (default: standard output)" };
        var prompts = ReadingOptions.Prompts();
        var trace = ReadingOptions.Trace();
        var noOutline = new Option<bool>("--no-outline") { Description = "Leave out the title and the plan outline at the top (sections only)" };
        var rounds = new Option<int>("--max-rounds") { Description = "Continuation rounds at most per section that is under 80% of its target", DefaultValueFactory = _ => 3 };

        var command = new Command("write",
            "Write a long document with plan-then-write: plan sections with word targets, write each with a rolling context, " +
            "continue sections that are short and shorten ones that are long, then fit the whole document to --words ±5% " +
            "(title and plan outline at the top included; --no-outline leaves them out), and report LongBench-Write's length score.\n" +
            "Example: agentfw write \"A history of whaling in New England\" --words 10000 --out whaling.md --model ./model");
        command.Arguments.Add(instruction);
        command.Options.Add(instructionFile);
        command.Options.Add(words);
        command.Options.Add(grounding);
        command.Options.Add(output);
        command.Options.Add(rounds);
        command.Options.Add(noOutline);
        command.Options.Add(prompts);
        command.Options.Add(trace);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            var text = await ReadInstructionAsync(parse.GetValue(instruction), parse.GetValue(instructionFile), ct);
            int length = parse.GetValue(words);
            if (length is <= 0 or > MaxWords)
                throw new InvalidOptionException("--words", $"--words {length} is out of range: give a length between 1 and {MaxWords:N0} words");
            int maxRounds = parse.GetValue(rounds);
            if (maxRounds < 0) throw new InvalidOptionException("--max-rounds", $"--max-rounds {maxRounds} must be 0 or more");
            var outPath = parse.GetValue(output);
            if (outPath is not null && Directory.Exists(outPath))
                throw new InvalidOptionException("--out", $"--out '{outPath}' is a folder: give a file name such as essay.md");
            var groundingPath = parse.GetValue(grounding);
            var tracePath = parse.GetValue(trace);
            if (tracePath is not null && Path.GetDirectoryName(Path.GetFullPath(tracePath)) is { } traceFolder && !Directory.Exists(traceFolder))
                throw new InvalidOptionException("--trace", $"--trace {tracePath}: folder {traceFolder} does not exist; create it or choose another file");

            using var model = await ModelResolver.ResolveAsync(parse, settings, ct)
                ?? throw new InvalidOptionException("--model",
                    "agentfw write needs a model: give --model DIR (a local ONNX model folder) or --endpoint URL (an OpenAI-compatible server), or set AGENTFW_MODEL / AGENTFW_ENDPOINT");
            var promptsDirectory = parse.GetValue(prompts);
            if (promptsDirectory is not null) _ = new PromptLibrary(promptsDirectory); // a missing folder fails before any work
            await using var services = PipelineServices.Build(model, promptsDirectory,
                pipelines: builder => builder.Configure<PlanThenWriteOptions>(o => o.MaxContinuationRounds = maxRounds));
            var agent = services.GetRequiredService<IDocumentAgent>();
            await using var index = groundingPath is null ? null : await WriteGrounding.BuildIndexAsync(groundingPath, model, ct);

            var request = new PipelineRequest([], PipelineGoal.Write, text, length) { Index = index, TitleAndOutline = !parse.GetValue(noOutline) };
            var written = await ProgressBoard.RunAsync(board => agent.RunAsync(PipelineNames.PlanThenWrite,
                request with { DetailedProgress = new SectionProgressRow(board) }, cancellationToken: ct));
            var result = written.Extra<WritingResult>()!;

            if (outPath is not null) await WriteAtomicallyAsync(outPath, result.Markdown, ct);
            if (tracePath is not null)
                await WriteAtomicallyAsync(tracePath, System.Text.Json.JsonSerializer.Serialize(
                    new FullTraceJson(PlanThenWritePipeline.Name, TraceSummaryJson.From(result.Trace), result.Trace.Calls, result.Trace.Artifacts), CliJson.Options), ct);
            if (outPath is null && !settings.Json) Console.Out.Write(result.Markdown);
            PrintTable(Console.Error, result);
            TraceSummaryJson.PrintNotices(Console.Error, [result.Trace]);
            if (settings.Json)
                CliJson.Write(new
                {
                    RequestedWords = result.RequestedWords,
                    WrittenWords = result.WrittenWords,
                    DocumentWords = result.DocumentWords,
                    LengthScore = Math.Round(result.LengthScore, 2),
                    Out = outPath,
                    Markdown = outPath is null ? result.Markdown : null,
                    Calls = result.Trace.CallCount,
                    CachedCalls = result.Trace.CachedCallCount,
                    Trace = TraceSummaryJson.From(result.Trace),
                    Sections = result.Sections.Select(s => new
                    {
                        s.Plan.Number,
                        s.Plan.Title,
                        TargetWords = s.Plan.TargetWords,
                        s.Words,
                        Rounds = s.Rounds.Select(r => new { r.Round, r.Kind, r.WordsBefore, r.WordsAfter, r.OutputTokenLimit, r.Accepted }),
                        Citations = s.Citations.Count,
                    }),
                });
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ReadInstructionAsync(string? inline, string? file, CancellationToken ct)
    {
        if (inline is not null && file is not null)
            throw new InvalidOptionException("--instruction-file", "give the instruction either as text or with --instruction-file, not both");
        if (file is not null)
        {
            if (!File.Exists(file)) throw new InvalidOptionException("--instruction-file", $"--instruction-file '{file}' does not exist: give a text file with the writing instruction");
            var content = await File.ReadAllTextAsync(file, ct);
            if (string.IsNullOrWhiteSpace(content)) throw new InvalidOptionException("--instruction-file", $"--instruction-file '{file}' is empty: write the instruction into it");
            return content.Trim();
        }
        if (string.IsNullOrWhiteSpace(inline))
            throw new InvalidOptionException("instruction", "say what to write: agentfw write \"INSTRUCTION\" --words N (or --instruction-file FILE)");
        return inline.Trim();
    }

    /// <summary>Writes beside the target and renames, so an interrupted run never leaves half a document.</summary>
    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        await File.WriteAllTextAsync(temporary, content, ct);
        File.Move(temporary, full, overwrite: true);
    }

    private static void PrintTable(TextWriter error, WritingResult result)
    {
        int titleWidth = Math.Clamp(result.Sections.Max(s => s.Plan.Title.Length), 5, 48);
        error.WriteLine();
        error.WriteLine($"{"#",3}  {"Section".PadRight(titleWidth)}  {"target",7}  {"written",7}  {"ratio",6}  rounds");
        foreach (var s in result.Sections)
        {
            var title = s.Plan.Title.Length > titleWidth ? s.Plan.Title[..(titleWidth - 1)] + "…" : s.Plan.Title;
            error.WriteLine($"{s.Plan.Number,3}  {title.PadRight(titleWidth)}  {s.Plan.TargetWords,7}  {s.Words,7}  {s.Ratio,6:P0}  {s.Rounds.Count}");
        }
        error.WriteLine($"{"",3}  {"sections".PadRight(titleWidth)}  {"",7}  {result.WrittenWords,7}");
        error.WriteLine($"{"",3}  {"document".PadRight(titleWidth)}  {result.RequestedWords,7}  {result.DocumentWords,7}  {result.DocumentWords / (double)result.RequestedWords,6:P0}");
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LongBench-Write length score S_l = {result.LengthScore:F1}; {result.Trace.CallCount} model calls ({result.Trace.CachedCallCount} replayed from the cache)"));
    }

    /// <summary>One progress row counting sections (a section in progress counts by its words of its target), with the round as stage.</summary>
    private sealed class SectionProgressRow(ProgressBoard board) : IProgress<SectionProgress>
    {
        private ProgressItem? _row;

        public void Report(SectionProgress p)
        {
            _row ??= board.Add("write", "sections", p.TotalSections);
            double done = p.SectionDone ? p.Section : p.Section - 1 + Math.Min(0.99, p.Words / (double)Math.Max(1, p.TargetWords));
            var state = p.SectionDone ? "done" : p.Round.ToString().ToLowerInvariant();
            _row.Update(Math.Round(done, 2), p.TotalSections, $"section {p.Section} \"{p.Title}\": {p.Words}/{p.TargetWords} words ({state})", milestone: p.SectionDone);
        }
    }
}
