using AgentFramework.Documents;

namespace AgentFramework.Chunking;

/// <summary>
/// Marks where a chunk may start, and how strong that boundary is, for every position of a document's text in one
/// linear pass. Boundaries sit after the whitespace that ends the previous unit (a chunk starts at a word, a line or
/// a heading, never with the space before it); in code, lines start at their indentation.
/// </summary>
public static class BoundaryScanner
{
    /// <summary>Strength of the boundary at each position 0..Text.Length (None where a chunk may not start).</summary>
    public static BoundaryStrength[] Scan(Document document)
    {
        var text = document.Text;
        var strengths = new BoundaryStrength[text.Length + 1];
        if (document.Files.Count > 0)
        {
            foreach (var file in document.Files)
            {
                int start = Math.Clamp(file.Start, 0, text.Length), end = Math.Clamp(file.End, start, text.Length);
                if (SourceLanguages.IsProse(file.Language)) ScanProse(text, start, end, strengths);
                else ScanCode(text, start, end, strengths);
                Raise(strengths, start, BoundaryStrength.File);
            }
        }
        else ScanProse(text, 0, text.Length, strengths);

        foreach (var section in document.Sections)
            if (section.Start > 0 && section.Start < text.Length) Raise(strengths, section.Start, BoundaryStrength.Section);
        strengths[0] = BoundaryStrength.File;
        strengths[text.Length] = BoundaryStrength.File;
        return strengths;
    }

    private static void Raise(BoundaryStrength[] strengths, int position, BoundaryStrength strength)
    {
        if (strengths[position] < strength) strengths[position] = strength;
    }

    private static void ScanProse(string text, int start, int end, BoundaryStrength[] strengths)
    {
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                // A run of whitespace containing newlines: a line break, or a paragraph break when it holds a blank line.
                int newlines = 0, lastNewline = i, j = i;
                for (; j < end && char.IsWhiteSpace(text[j]); j++)
                    if (text[j] == '\n') { newlines++; lastNewline = j; }
                if (lastNewline + 1 < end)
                    Raise(strengths, lastNewline + 1, newlines >= 2 ? BoundaryStrength.Paragraph : BoundaryStrength.Sentence);
                i = j - 1;
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                int k = i + 1;
                while (k < end && IsCloser(text[k])) k++;
                if (k >= end || text[k] is not (' ' or '\t')) continue;
                while (k < end && text[k] is ' ' or '\t') k++;
                if (k < end && text[k] != '\n') Raise(strengths, k, BoundaryStrength.Sentence);
            }
            else if (c is '。' or '！' or '？' or '；')
            {
                // CJK sentences end without a following space.
                int k = i + 1;
                while (k < end && IsCloser(text[k])) k++;
                while (k < end && text[k] is ' ' or '\t' or '\u3000') k++;
                if (k < end && text[k] != '\n') Raise(strengths, k, BoundaryStrength.Sentence);
            }
        }
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '”' or '’' or '»' or '」' or '』' or '）' or '】';

    private static void ScanCode(string text, int start, int end, BoundaryStrength[] strengths)
    {
        bool previousBlank = false;
        int lineStart = start;
        while (lineStart < end)
        {
            int newline = text.IndexOf('\n', lineStart, end - lineStart);
            int lineEnd = newline < 0 ? end : newline;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            bool blank = line.IsWhiteSpace();
            if (lineStart > start && !blank)
            {
                var strength = !previousBlank ? BoundaryStrength.Sentence
                    : IsDeclarationStart(line) ? BoundaryStrength.Section
                    : BoundaryStrength.Paragraph;
                Raise(strengths, lineStart, strength);
            }
            previousBlank = blank;
            if (newline < 0) break;
            lineStart = newline + 1;
        }
    }

    /// <summary>
    /// A line after a blank line that is at most one indentation level deep and does not close a block: the start
    /// of a top-level (or namespace-level) declaration, or of its doc comment or attributes.
    /// </summary>
    private static bool IsDeclarationStart(ReadOnlySpan<char> line)
    {
        int indent = 0, i = 0;
        for (; i < line.Length && line[i] is ' ' or '\t'; i++) indent += line[i] == '\t' ? 4 : 1;
        return indent <= 4 && i < line.Length && line[i] is not ('}' or ')' or ']' or '.' or ',');
    }
}
