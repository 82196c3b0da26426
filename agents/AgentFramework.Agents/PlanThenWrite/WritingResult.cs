using AgentFramework.Citations;
using AgentFramework.Tracing;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>How a section's length was corrected.</summary>
public enum RoundKind { Write, Continue, Shorten }

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
/// The written document: Markdown (a heading per section, plus a source list when grounded), the plan, the sections,
/// and LongBench-Write's length score of the section texts against the requested length.
/// </summary>
/// <param name="WrittenWords">LongBench-Write words of the section texts (headings and the source list are not counted).</param>
public sealed record WritingResult(
    string Markdown,
    WritingPlan Plan,
    IReadOnlyList<WrittenSection> Sections,
    int RequestedWords,
    int WrittenWords,
    double LengthScore,
    IReadOnlyList<Citation> Citations,
    PipelineTrace Trace);

/// <summary>Progress of a write: the section being written, its words so far and target, and the round just finished.</summary>
public sealed record SectionProgress(int Section, int TotalSections, string Title, int Words, int TargetWords, RoundKind Round, bool SectionDone);

/// <summary>A writing request. <see cref="GroundingDocumentId"/> restricts evidence to one document of the index.</summary>
public sealed record WritingRequest(string Instruction, int Words, string? GroundingDocumentId = null);
