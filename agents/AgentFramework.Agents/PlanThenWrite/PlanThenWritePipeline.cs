using AgentFramework.Agents.Text;
using System.Globalization;
using System.Text.RegularExpressions;
using AgentFramework.Citations;
using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Agents.Execution;
using AgentFramework.Retrieval;
using AgentFramework.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// Plan-then-write (AgentWrite, closed into a measured loop): one call plans sections whose targets add up to the
/// requested length, then each section is written with the instruction, the plan and a bounded rolling context, measured
/// in LongBench-Write words and continued or shortened (<see cref="SectionWriter"/>). With a grounding index each section
/// retrieves evidence and cites it. The result reports LongBench-Write's length score S_l. As an
/// <see cref="IDocumentPipeline"/> it serves <see cref="PipelineGoal.Write"/> requests (the <see cref="WritingResult"/>
/// rides on the result as an extra); <see cref="WriteAsync"/> is the typed facade over that.
/// </summary>
public sealed partial class PlanThenWritePipeline(
    PromptCaller caller,
    ModelProfile profile,
    PlanThenWriteOptions options,
    ILogger<PlanThenWritePipeline>? logger = null) : IDocumentPipeline
{
    public const string Name = PipelineNames.PlanThenWrite;
    private const string Prompts = "PlanThenWrite";
    private readonly ILogger _logger = logger ?? NullLogger<PlanThenWritePipeline>.Instance;

    /// <summary>Output tokens asked of the planner per section (a title, a main point and a word target on a line or two).</summary>
    private const int PlanTokensPerSection = 48;

    /// <summary>Output tokens asked of the planner besides its sections.</summary>
    private const int PlanFrameTokens = 64;

    string IDocumentPipeline.Name => Name;

    public bool NeedsModel => true;

    public bool Supports(PipelineGoal goal) => goal == PipelineGoal.Write;

    /// <summary>Writes <paramref name="request"/> (grounded in <see cref="WritingRequest.GroundingDocumentId"/> of <paramref name="grounding"/> when given).</summary>
    public async Task<WritingResult> WriteAsync(WritingRequest request, IChunkIndex? grounding = null,
        IProgress<SectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await PipelineRunner.RunAsync(this, new PipelineRequest([], PipelineGoal.Write, request.Instruction, request.Words)
        {
            Index = grounding,
            GroundingDocumentId = request.GroundingDocumentId,
            TitleAndOutline = request.TitleAndOutline,
            DetailedProgress = progress,
        }, null, cancellationToken).ConfigureAwait(false);
        return result.Extra<WritingResult>()!;
    }

    public async Task<PipelineResult> RunAsync(PipelineRequest pipelineRequest, PipelineRun run, CancellationToken cancellationToken)
    {
        var request = new WritingRequest(pipelineRequest.Question ?? "", pipelineRequest.Words, pipelineRequest.GroundingDocumentId, pipelineRequest.TitleAndOutline);
        var grounding = pipelineRequest.Index;
        var progress = pipelineRequest.DetailedProgress as IProgress<SectionProgress>;
        if (string.IsNullOrWhiteSpace(request.Instruction)) throw new InvalidOptionException("WritingRequest.Instruction", "the writing instruction is empty: give WritingRequest.Instruction");
        if (request.Words <= 0) throw new InvalidOptionException("WritingRequest.Words", $"WritingRequest.Words must be a positive number of words (got {request.Words})");

        var trace = run.Trace;
        var counter = profile.TokenCounter;
        var plan = await PlanAsync(request, trace, cancellationToken).ConfigureAwait(false);

        // Budgets for the writer's prompt, from the model's window: a quarter each at most for the instruction, the plan,
        // the rolling context and the evidence, after the prompt as sent with the longest section's own fields (number,
        // title, main point, target; the one budget rule) and the output are reserved.
        var writeFunction = grounding is null ? "Write" : "WriteGrounded";
        int sectionPromptTokens = 0;
        foreach (var section in plan.Sections)
            sectionPromptTokens = Math.Max(sectionPromptTokens, await caller.InstructionTokensAsync(Prompts, writeFunction, profile,
                SectionWriter.SectionFields(section), cancellationToken).ConfigureAwait(false));
        int maxSectionOutput = Math.Min(options.MaxOutputTokensPerCall, (int)Math.Ceiling(plan.Sections.Max(s => s.TargetWords) * options.TokensPerWord) + 16);
        int available = profile.ContextLength - sectionPromptTokens - Math.Min(maxSectionOutput, profile.ContextLength / 2);
        if (available < 64)
            throw new ModelException("IChatClient", $"the model's context window ({profile.ContextLength} tokens) is too small to write with a plan: use a model with a larger context");
        int quarter = available / 4;
        var instruction = TokenBudget.KeepStart(counter, request.Instruction.Trim(), quarter);
        if (instruction.Length < request.Instruction.Trim().Length) trace.Increment("plan_then_write.instruction_truncated");
        int planTokens = Math.Min(options.PlanContextTokens, quarter);
        int rollingTokens = Math.Min(options.RollingContextTokens, quarter) / 2;
        int evidenceTokens = Math.Min(options.EvidenceTokens, quarter);

        var writer = new SectionWriter(caller, profile, options, trace);
        var rolling = new RollingContext(counter);
        var written = new List<WrittenSection>();
        var contexts = new List<SectionContext>();
        var sources = new List<Citation>();
        foreach (var section in plan.Sections)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var evidence = grounding is null ? null
                : await EvidenceRetriever.RetrieveAsync(grounding, section, request.GroundingDocumentId, options.EvidencePerSection, evidenceTokens, counter, cancellationToken).ConfigureAwait(false);
            var context = new SectionContext(instruction, PlanWindow(plan, section, planTokens), rolling.Summary(rollingTokens), rolling.PreviousEnding(rollingTokens), evidence);
            var (text, rounds) = await writer.WriteAsync(section, context,
                round => progress?.Report(new SectionProgress(section.Number, plan.Sections.Count, section.Title, round.WordsAfter, section.TargetWords, round.Kind, false)),
                cancellationToken).ConfigureAwait(false);
            var citations = evidence is null ? [] : CitedEvidence(ref text, evidence, sources, trace);
            int words = WordCounter.Count(text);
            rolling.Add(section, text);
            written.Add(new WrittenSection(section, text, words, rounds, citations));
            contexts.Add(context);
            trace.AddArtifact(new TraceArtifact($"{Name}/section", $"section {section.Number}",
                $"{section.Title}: {words} words written, target {section.TargetWords} ({rounds.Count} rounds)\n\n{text}", citations));
            progress?.Report(new SectionProgress(section.Number, plan.Sections.Count, section.Title, words, section.TargetWords, rounds[^1].Kind, true));
            _logger.LogInformation("Section {Number}/{Total} written: {Words}/{Target} words", section.Number, plan.Sections.Count, words, section.TargetWords);
        }

        // The reader gets title, outline and headings too: the sections are fitted to what is left of the request.
        var front = DocumentLayout.Front(request, plan);
        int overhead = WordCounter.Count(front) + plan.Sections.Sum(sec => WordCounter.Count(sec.Title));
        int bodyTarget = Math.Max(request.Words / 2, request.Words - overhead);
        if (options.FitDocumentLength)
            written = await new LengthControl(writer, options).FitAsync(written, contexts, bodyTarget, trace, cancellationToken).ConfigureAwait(false);
        if (trace.Counters.ContainsKey("plan_then_write.length_out_of_range"))
            _logger.LogWarning("The draft has {Words} words for a body target of {Target}: the model stopped adding words", written.Sum(w => w.Words), bodyTarget);

        var markdown = DocumentLayout.Markdown(front, written, sources);
        int total = written.Sum(w => w.Words);
        int documentWords = WordCounter.Count(DocumentLayout.WithoutSources(markdown));
        double score = LengthScore.Compute(request.Words, documentWords);
        WarnOffTarget(trace, request.Words, documentWords);
        trace.AddArtifact(new TraceArtifact($"{Name}/length", "length",
            $"requested {request.Words} words, document {documentWords} words ({total} in {written.Count} sections, {documentWords - total} in title, outline and headings); S_l = {score.ToString("F1", CultureInfo.InvariantCulture)}"));
        var writing = new WritingResult(markdown, plan, written, request.Words, total, score, sources, trace, documentWords);
        return new PipelineResult(markdown, sources, trace).WithExtra(writing);
    }

    // A document outside the length tolerance is said, whether or not the whole-document fit ran.
    private void WarnOffTarget(PipelineTrace trace, int requested, int documentWords)
    {
        double off = (documentWords - requested) / (double)requested;
        if (Math.Abs(off) <= options.LengthTolerance) return;
        bool under = off < 0;
        trace.Warn(under ? TraceNoticeCodes.LengthUnderTarget : TraceNoticeCodes.LengthOverTarget, string.Create(CultureInfo.InvariantCulture,
            $"write: the document has {documentWords} words, {Math.Abs(off) * 100:F0}% {(under ? "under" : "over")} the {requested} requested (tolerance {options.LengthTolerance * 100:F0}%); the model stopped {(under ? "adding" : "removing")} words before the target (rounds in PipelineTrace)"));
    }

    /// <summary>Asks for a plan and normalises it so the targets add up to the requested length.</summary>
    public async Task<WritingPlan> PlanAsync(WritingRequest request, PipelineTrace trace, CancellationToken cancellationToken)
    {
        int sections = Math.Clamp((int)Math.Round(request.Words / (double)options.PreferredSectionWords), 1, options.MaxSections);
        int minWords = Math.Min(request.Words, Math.Max(50, options.PreferredSectionWords / 2));
        int maxWords = Math.Max(minWords, Math.Min(request.Words, options.MaxSectionWords));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["words"] = request.Words.ToString(CultureInfo.InvariantCulture),
            ["sections"] = sections.ToString(CultureInfo.InvariantCulture),
            ["min_words"] = minWords.ToString(CultureInfo.InvariantCulture),
            ["max_words"] = maxWords.ToString(CultureInfo.InvariantCulture),
        };
        // The plan's own output: about PlanTokensPerSection tokens a section (title, main point, target), plus the answer's frame.
        int outputTokens = Math.Min(sections * PlanTokensPerSection + PlanFrameTokens, profile.ContextLength / 2);
        int promptTokens = await caller.InstructionTokensAsync(Prompts, "Plan", profile, values, cancellationToken).ConfigureAwait(false);
        values["instruction"] = TokenBudget.KeepStart(profile.TokenCounter, request.Instruction.Trim(), Math.Max(16, profile.ContextLength - outputTokens - promptTokens));
        var answer = await caller.InvokeAsync(Prompts, "Plan", $"{Name}/plan", values, outputTokens, cancellationToken).ConfigureAwait(false);
        var proposed = PlanParser.Parse(answer);
        var plan = PlanTargets.Normalise(proposed, request.Words, options);
        if (proposed.Count == 0)
        {
            trace.Increment("plan_then_write.plan_fallback");
            trace.AddArtifact(new TraceArtifact($"{Name}/plan", "unparsed plan", answer));
            trace.Warn(TraceNoticeCodes.PlanFallback,
                $"write: the model's plan could not be parsed into sections, so the text follows {plan.Sections.Count} generic sections instead of a plan for this instruction (the raw plan is in PipelineTrace)");
        }
        trace.AddArtifact(new TraceArtifact($"{Name}/plan", "plan",
            $"{plan.Sections.Count} sections, {plan.TotalWords} words (model proposed {proposed.Count} sections)\n{plan.Describe()}"));
        return plan;
    }

    private string PlanWindow(WritingPlan plan, PlannedSection current, int maxTokens)
    {
        var counter = profile.TokenCounter;
        for (int window = plan.Sections.Count; window >= 1; window = window > 8 ? window / 2 : window - 1)
        {
            var text = plan.Describe(current.Number, window);
            if (counter.CountTokens(text) <= maxTokens) return text;
        }
        return TokenBudget.KeepStart(counter, plan.Describe(current.Number, 0), maxTokens);
    }

    /// <summary>
    /// Replaces the section's evidence labels [E#] by global source numbers [n] and returns the citations it used; a
    /// section that cites no label is credited with all the evidence it was given (and counted in the trace).
    /// </summary>
    private static IReadOnlyList<Citation> CitedEvidence(ref string text, SectionEvidence evidence, List<Citation> sources, PipelineTrace trace)
    {
        if (evidence.Citations.Count == 0) return [];
        var used = new SortedSet<int>();
        foreach (Match m in EvidenceLabel().Matches(text))
            if (int.TryParse(m.Groups["n"].Value, out var n) && n >= 1 && n <= evidence.Citations.Count) used.Add(n);
        if (used.Count == 0)
        {
            trace.Increment("plan_then_write.sections_without_citation_labels");
            foreach (var n in Enumerable.Range(1, evidence.Citations.Count)) used.Add(n);
        }
        int GlobalNumber(Citation c)
        {
            int i = sources.IndexOf(c);
            if (i < 0) { sources.Add(c); i = sources.Count - 1; }
            return i + 1;
        }
        var numbers = used.ToDictionary(n => n, n => GlobalNumber(evidence.Citations[n - 1]));
        text = EvidenceLabel().Replace(text, m =>
            int.TryParse(m.Groups["n"].Value, out var n) && numbers.TryGetValue(n, out var g) ? $"[{g}]" : "");
        return used.Select(n => evidence.Citations[n - 1]).ToList();
    }

    [GeneratedRegex(@"\[E(?<n>\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex EvidenceLabel();
}
