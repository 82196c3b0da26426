using System.Text;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>One section of a plan: what it is called, what it says and how many words it should have.</summary>
public sealed record PlannedSection(int Number, string Title, string MainPoint, int TargetWords);

/// <summary>A writing plan whose section targets add up to the requested length.</summary>
public sealed record WritingPlan(IReadOnlyList<PlannedSection> Sections)
{
    public int TotalWords => Sections.Sum(s => s.TargetWords);

    /// <summary>The plan as the writer sees it, one line per section (optionally only a window around one section).</summary>
    public string Describe(int? aroundSection = null, int window = int.MaxValue)
    {
        var sb = new StringBuilder();
        foreach (var s in Sections)
        {
            if (aroundSection is { } at && Math.Abs(s.Number - at) > window) continue;
            sb.Append("Section ").Append(s.Number).Append(" - ").Append(s.Title).Append(": ").Append(s.MainPoint)
              .Append(" (").Append(s.TargetWords).AppendLine(" words)");
        }
        return sb.ToString().TrimEnd();
    }
}

/// <summary>A section as the model proposed it, before targets are normalised (its word count may be missing).</summary>
public sealed record ProposedSection(string Title, string MainPoint, int? Words);
