using System.Text;
using AgentFramework.Citations;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// The Markdown of a written document: a title (the instruction's first line) and the plan as a numbered outline
/// (unless the request omits them), a heading per section, and the numbered source list of a grounded write.
/// </summary>
public static class DocumentLayout
{
    private const int MaxTitleWords = 14;
    private const string SourcesHeading = "## Sources";

    /// <summary>Title and outline, or "" when the request omits them.</summary>
    public static string Front(WritingRequest request, WritingPlan plan)
    {
        if (!request.TitleAndOutline) return "";
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(Title(request.Instruction)).AppendLine();
        foreach (var s in plan.Sections)
            sb.Append(s.Number).Append(". ").Append(s.Title).Append(s.MainPoint.Length > 0 ? " — " + s.MainPoint : "").AppendLine();
        return sb.AppendLine().ToString();
    }

    /// <summary>The instruction's first line as a title: at most 14 words, first letter capitalised, no closing period.</summary>
    public static string Title(string instruction)
    {
        var line = instruction.Trim().Split('\n')[0].Trim().TrimEnd('.', ':', ';');
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var title = words.Length <= MaxTitleWords ? string.Join(' ', words) : string.Join(' ', words.Take(MaxTitleWords)) + " …";
        return title.Length == 0 ? "Untitled" : char.ToUpperInvariant(title[0]) + title[1..];
    }

    public static string Markdown(string front, IReadOnlyList<WrittenSection> sections, IReadOnlyList<Citation> sources)
    {
        var markdown = new StringBuilder(front);
        foreach (var s in sections)
            markdown.Append("## ").AppendLine(s.Plan.Title).AppendLine().AppendLine(s.Text).AppendLine();
        if (sources.Count > 0)
        {
            markdown.AppendLine(SourcesHeading).AppendLine();
            for (int i = 0; i < sources.Count; i++)
                markdown.Append(i + 1).Append(". ").Append(sources[i].Document).Append(", characters ")
                    .Append(sources[i].Start).Append('–').Append(sources[i].End).AppendLine();
        }
        return markdown.ToString().TrimEnd() + "\n";
    }

    /// <summary>The document without its source list (which LongBench-Write's length would not count as writing).</summary>
    public static string WithoutSources(string markdown)
    {
        int at = markdown.LastIndexOf("\n" + SourcesHeading + "\n", StringComparison.Ordinal);
        return at < 0 ? markdown : markdown[..at];
    }
}
