using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// Reads sections out of a planner's answer, whatever shape it took: AgentWrite's
/// "Paragraph 1 - Main Point: ... - Word Count: 400 words", numbered or bulleted lists ("1. **Intro** — ... (300 words)"),
/// "Title: ... Main Point: ..." labels, or JSON (an array of objects, or an object holding one). Prose around the plan
/// ("Here is the plan:", "Let me know...") is skipped: a line counts only if it is a list item or names a word count.
/// </summary>
internal static partial class PlanParser
{
    public static IReadOnlyList<ProposedSection> Parse(string? answer)
    {
        var text = (answer ?? "").Trim();
        if (text.Length == 0) return [];
        var fromJson = TryParseJson(text);
        if (fromJson.Count > 0) return fromJson;
        var sections = new List<ProposedSection>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith("```", StringComparison.Ordinal)) continue;
            var marker = ListMarker().Match(line);
            var words = WordCount().Match(line);
            if (!marker.Success && !words.Success) continue;
            // Unlisted prose that merely mentions a length ("Here is a plan for 10,000 words:", "Total: 5000 words").
            if (!marker.Success && (line.TrimEnd('*').EndsWith(':') || TotalLine().IsMatch(line))) continue;
            var body = marker.Success ? line[marker.Length..] : line;
            int? target = null;
            if (words.Success)
            {
                target = ParseNumber(words.Groups["n"].Value);
                body = WordCount().Replace(body, " ");
            }
            var section = SplitTitle(Tidy(body));
            if (section is null) continue;
            sections.Add(section with { Words = target });
        }
        return sections;
    }

    private static ProposedSection? SplitTitle(string body)
    {
        if (!body.Any(char.IsLetter)) return null;
        var title = TitleLabel().Match(body);
        var point = MainPointLabel().Match(body);
        if (title.Success || point.Success)
        {
            var t = title.Success ? Tidy(title.Groups["v"].Value) : "";
            var p = point.Success ? Tidy(point.Groups["v"].Value) : Tidy(TitleLabel().Replace(body, ""));
            if (t.Length == 0) t = ShortTitle(p);
            return new ProposedSection(t, p.Length > 0 ? p : t, null);
        }
        var bold = Bold().Match(body);
        if (bold.Success && bold.Index <= 2)
        {
            var rest = Tidy(body[(bold.Index + bold.Length)..]);
            var t = Tidy(bold.Groups["v"].Value);
            return new ProposedSection(t, rest.Length > 0 ? rest : t, null);
        }
        var split = TitleSeparator().Match(body);
        if (split.Success && split.Index > 0 && split.Index <= 80)
        {
            var t = Tidy(body[..split.Index]);
            var rest = Tidy(body[(split.Index + split.Length)..]);
            if (t.Length > 0) return new ProposedSection(t, rest.Length > 0 ? rest : t, null);
        }
        return new ProposedSection(ShortTitle(body), body, null);
    }

    private static List<ProposedSection> TryParseJson(string text)
    {
        int start = text.IndexOfAny(['[', '{']);
        int end = Math.Max(text.LastIndexOf(']'), text.LastIndexOf('}'));
        if (start < 0 || end <= start) return [];
        try
        {
            using var doc = JsonDocument.Parse(text[start..(end + 1)], new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var array = doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement
                : doc.RootElement.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
            if (array.ValueKind != JsonValueKind.Array) return [];
            var sections = new List<ProposedSection>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    var parsed = Parse(item.GetString());
                    if (parsed.Count == 1) sections.Add(parsed[0]);
                    else if (item.GetString() is { Length: > 0 } s && SplitTitle(Tidy(s)) is { } plain) sections.Add(plain);
                    continue;
                }
                if (item.ValueKind != JsonValueKind.Object) continue;
                string? title = null, point = null; int? words = null;
                foreach (var p in item.EnumerateObject())
                {
                    var key = p.Name.ToLowerInvariant().Replace("_", "").Replace(" ", "").Replace("-", "");
                    if (key is "title" or "heading" or "name" or "section" or "sectiontitle") title ??= Scalar(p.Value);
                    else if (key is "mainpoint" or "point" or "description" or "summary" or "content" or "focus" or "outline") point ??= Scalar(p.Value);
                    else if (key is "wordcount" or "words" or "targetwords" or "length" or "target" or "wordtarget")
                        words ??= p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out var d) ? (int)Math.Round(d) : ParseNumber(Scalar(p.Value));
                }
                title = Tidy(title ?? "");
                point = Tidy(point ?? "");
                if (title.Length == 0 && point.Length == 0) continue;
                sections.Add(new ProposedSection(title.Length > 0 ? title : ShortTitle(point), point.Length > 0 ? point : title, words is > 0 ? words : null));
            }
            return sections;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };

    private static int? ParseNumber(string? text)
    {
        var digits = Regex.Match(text ?? "", @"\d[\d,]*").Value.Replace(",", "");
        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    private static string ShortTitle(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Tidy(string.Join(' ', words.Take(8)));
    }

    // Trims separators, markdown emphasis and brackets left around a fragment.
    private static string Tidy(string text) =>
        Regex.Replace(text, @"\s+", " ").Trim().Trim('*', '_', '#', '-', '–', '—', ':', '|', ',', ';', '(', ')', '[', ']', '"', ' ').Trim();

    [GeneratedRegex(@"^(?:(?:[-*•+]|\d+[.):]|#+)\s*)*(?:\*\*)?(?:section|paragraph|part|step|chapter)\s*\d+\s*(?:\*\*)?\s*[-–—:.)]?\s*|^(?:[-*•+]|\d+[.):]|#+)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[-–—|,;(\[]*\s*(?:(?:word\s*count|target(?:\s*words)?|length)\s*[:：=]?\s*(?:~|about|approx\.?|approximately|e\.g\.)?\s*\[?(?<n>\d[\d,]*)\]?(?:\s*(?:words?|字))?|(?:~|about|approx\.?|approximately)?\s*(?<n>\d[\d,]*)\s*(?:words?|字))\s*[)\]]?\.?", RegexOptions.IgnoreCase)]
    private static partial Regex WordCount();

    [GeneratedRegex(@"\btitle\s*[:：]\s*(?<v>.*?)(?=\s*[-–—|]?\s*(?:main\s*point|point|summary)\s*[:：]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLabel();

    [GeneratedRegex(@"\b(?:main\s*point|point|summary)\s*[:：]\s*(?<v>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MainPointLabel();

    [GeneratedRegex(@"^\W*(?:in\s+)?total\b|\btotal\s*(?:word|length)", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"\*\*(?<v>[^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\s+[-–—]\s+|:\s+")]
    private static partial Regex TitleSeparator();
}
