using AgentFramework.Citations;
using AgentFramework.Tracing;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>How a section's length was corrected (Trim: cut without a model call by the whole-document length control).</summary>
public enum RoundKind { Write, Continue, Shorten, Trim }

/// <summary>One model call on a section and its measured effect (all counts in LongBench-Write words).</summary>
/// <param name="WordsAfter">Words of the section after this round (unchanged when a shortening was rejected).</param>
/// <param name="Accepted">False for a shortening that came out further from the target, or a round that added nothing.</param>
public sealed record WritingRound(int Section, int Round, RoundKind Kind, int WordsBefore, int WordsAfter, int TargetWords, int OutputTokenLimit, bool Accepted);

/// <summary>A written section with its measured length, every round it took and the evidence it cites.</summary>
public sealed record WrittenSection(PlannedSection Plan, string Text, int Words, IReadOnlyList<WritingRound> Rounds, IReadOnlyList<Citation> Citations)
{
    public double Ratio => Plan.TargetWords == 0 ? 0 : Words / (double)Plan.TargetWords;
}

/// <summary>
/// The written document: Markdown (a title and the plan as an outline unless omitted, a heading per section, plus a
/// source list when grounded), the plan, the sections, and LongBench-Write's length score of the document against the
/// requested length.
/// </summary>
/// <param name="WrittenWords">LongBench-Write words of the section texts alone.</param>
/// <param name="LengthScore">S_l of <see cref="DocumentWords"/> against <see cref="RequestedWords"/>.</param>
/// <param name="DocumentWords">LongBench-Write words of the whole Markdown a reader gets (title, outline, headings and
/// sections; the source list is not counted): what the length control fits to the request.</param>
public sealed record WritingResult(
    string Markdown,
    WritingPlan Plan,
    IReadOnlyList<WrittenSection> Sections,
    int RequestedWords,
    int WrittenWords,
    double LengthScore,
    IReadOnlyList<Citation> Citations,
    PipelineTrace Trace,
    int DocumentWords = 0);

/// <summary>Progress of a write: the section being written, its words so far and target, and the round just finished.</summary>
public sealed record SectionProgress(int Section, int TotalSections, string Title, int Words, int TargetWords, RoundKind Round, bool SectionDone);

/// <summary>A writing request. <see cref="GroundingDocumentId"/> restricts evidence to one document of the index.</summary>
/// <param name="TitleAndOutline">Start the document with a title and the plan as an outline (false: sections only).</param>
public sealed record WritingRequest(string Instruction, int Words, string? GroundingDocumentId = null, bool TitleAndOutline = true);
