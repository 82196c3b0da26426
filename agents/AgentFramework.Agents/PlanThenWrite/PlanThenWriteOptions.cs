namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>Options of the plan-then-write pipeline (AgentWrite closed into a measured loop).</summary>
public sealed class PlanThenWriteOptions
{
    /// <summary>The planner is asked for sections of about this length (AgentWrite uses 200–1000 words).</summary>
    public int PreferredSectionWords { get; set; } = 500;

    /// <summary>Sections longer than this are split into parts, so one call never has to write more.</summary>
    public int MaxSectionWords { get; set; } = 1000;

    /// <summary>Plans are cut to this many sections (AgentWrite skips plans of more than 50 steps).</summary>
    public int MaxSections { get; set; } = 50;

    /// <summary>A section under this fraction of its target is continued.</summary>
    public double ContinueBelow { get; set; } = 0.8;

    /// <summary>A section over this fraction of its target is shortened.</summary>
    public double ShortenAbove { get; set; } = 1.3;

    /// <summary>At most this many continuation calls per section.</summary>
    public int MaxContinuationRounds { get; set; } = 3;

    /// <summary>At most this many shortening calls per section (0 turns shortening off).</summary>
    public int MaxShortenRounds { get; set; } = 1;

    /// <summary>Output tokens requested per word still to write (English prose runs about 1.3 tokens per word).</summary>
    public double TokensPerWord { get; set; } = 1.6;

    /// <summary>Upper bound on the output tokens of any one call.</summary>
    public int MaxOutputTokensPerCall { get; set; } = 2048;

    /// <summary>Tokens for the rolling context (summary of sections so far + end of the last section), split evenly.</summary>
    public int RollingContextTokens { get; set; } = 1024;

    /// <summary>Tokens for the plan shown to the writer; a longer plan is shown as a window around the current section.</summary>
    public int PlanContextTokens { get; set; } = 768;

    /// <summary>Evidence chunks retrieved per section when writing is grounded.</summary>
    public int EvidencePerSection { get; set; } = 4;

    /// <summary>Tokens of evidence shown per section when writing is grounded.</summary>
    public int EvidenceTokens { get; set; } = 1024;

    /// <summary>After the sections are written, fit the whole document to the request (<see cref="LengthControl"/>).</summary>
    public bool FitDocumentLength { get; set; } = true;

    /// <summary>The whole document is brought within this fraction of the requested length (0.05 = ±5%).</summary>
    public double LengthTolerance { get; set; } = 0.05;

    /// <summary>At most this many whole-document continuation calls while the draft is short (trimming needs no calls).</summary>
    public int MaxLengthRounds { get; set; } = 12;
}
