using System.Text.RegularExpressions;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// Markdown: the text is kept as written (it is already readable); ATX (<c># Title</c>) and setext (underlined with
/// <c>===</c> or <c>---</c>) headings become sections. Lines inside fenced code blocks are never headings.
/// </summary>
public sealed partial class MarkdownReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public bool ReadsBinary => false;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var decoded = TextDecoder.Decode(bytes, path);
        var text = decoded.Text;
        var headings = FindHeadings(text);
        return new DocumentContent(text, DocumentKind.Markdown, SectionBuilder.Build(headings, text.Length),
            [new SourceSegment(0, text.Length, path, null, 1)], decoded.Warnings);
    }

    /// <summary>Headings in document order; exposed for tests.</summary>
    public static IReadOnlyList<Heading> FindHeadings(string text)
    {
        var headings = new List<Heading>();
        string? fence = null;               // the opening fence while inside a fenced code block
        int previousStart = -1;             // start of the previous line when it is plain paragraph text
        string previousLine = "";
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int newline = text.IndexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.Length : newline;
            var line = text[lineStart..lineEnd];
            bool paragraphLine = false;

            var fenceMatch = Fence().Match(line);
            if (fence is not null)
            {
                if (fenceMatch.Success && fenceMatch.Groups[1].Value[0] == fence[0] && fenceMatch.Groups[1].Length >= fence.Length
                    && fenceMatch.Groups[2].Value.Trim().Length == 0)
                    fence = null;
            }
            else if (fenceMatch.Success)
                fence = fenceMatch.Groups[1].Value;
            else if (Atx().Match(line) is { Success: true } atx)
                headings.Add(new Heading(CleanTitle(atx.Groups[2].Value), atx.Groups[1].Length, lineStart));
            else if (previousStart >= 0 && SetextUnderline().Match(line) is { Success: true } underline)
                headings.Add(new Heading(CleanTitle(previousLine), underline.Groups[1].Value[0] == '=' ? 1 : 2, previousStart));
            else
                paragraphLine = line.Trim().Length > 0 && !NotParagraph().IsMatch(line);

            previousStart = paragraphLine ? lineStart : -1;
            previousLine = line;
            if (newline < 0) break;
            lineStart = newline + 1;
        }
        return headings;
    }

    private static string CleanTitle(string raw)
    {
        var title = ClosingHashes().Replace(raw.Trim(), "").Trim();
        return title.Length == 0 ? "(untitled)" : title;
    }

    [GeneratedRegex(@"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")]
    private static partial Regex Atx();

    [GeneratedRegex(@"^ {0,3}(=+|-+)[ \t]*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})(.*)$")]
    private static partial Regex Fence();

    // Lines that cannot be the text of a setext heading: list items, quotes, indented code, tables.
    [GeneratedRegex(@"^(?: {4}|\t| {0,3}(?:[-*+>|]|\d+[.)])(?:\s|$))")]
    private static partial Regex NotParagraph();

    [GeneratedRegex(@"(?:^|\s+)#+$")]
    private static partial Regex ClosingHashes();
}
