using System.Buffers;
using AgentFramework.Documents;

namespace AgentFramework.Chunking;

/// <summary>
/// Marks where a chunk may start, and how strong that boundary is, for every position of a document's text in one
/// linear pass. Boundaries sit after the whitespace that ends the previous unit (a chunk starts at a word, a line or
/// a heading, never with the space before it); in code, lines start at their indentation.
/// </summary>
internal static class BoundaryScanner
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

    // The only characters prose boundaries follow; the scan jumps between them (vectorised) instead of testing each character.
    private static readonly SearchValues<char> ProseMarks = SearchValues.Create("\n.!?…。！？；");

    private static void ScanProse(string text, int start, int end, BoundaryStrength[] strengths)
    {
        for (int i = start; i < end; i++)
        {
            int mark = text.AsSpan(i, end - i).IndexOfAny(ProseMarks);
            if (mark < 0) break;
            i += mark;
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

    /// <summary>
    /// Code lines: after a blank line, a declaration (with the attributes, decorators and doc comments directly above
    /// it) at the file's outermost declaration level is a Section boundary, a deeper one a Member boundary, anything
    /// else a Paragraph boundary; other lines are Sentence boundaries.
    /// </summary>
    private static void ScanCode(string text, int start, int end, BoundaryStrength[] strengths)
    {
        var lines = ReadLines(text, start, end);
        int outermost = OutermostDeclarationIndent(lines);
        for (int n = 1; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.Blank) continue;
            var strength = !lines[n - 1].Blank ? BoundaryStrength.Sentence : BlankPrecededStrength(lines, n, outermost);
            Raise(strengths, line.Start, strength);
        }
    }

    private static BoundaryStrength BlankPrecededStrength(List<CodeLine> lines, int n, int outermost)
    {
        var line = lines[n];
        // Without any recognisable declaration, fall back to "shallow and not closing a block".
        if (outermost == int.MaxValue)
            return line.Indent <= 4 && !line.ClosesBlock ? BoundaryStrength.Section : BoundaryStrength.Paragraph;
        int k = n;
        while (k < lines.Count && lines[k].Attachment && !lines[k].Declaration) k++;
        if (k >= lines.Count || !lines[k].Declaration || lines[k].Indent != line.Indent) return BoundaryStrength.Paragraph;
        for (int a = n; a < k; a++) if (lines[a].Blank) return BoundaryStrength.Paragraph;
        return line.Indent <= outermost ? BoundaryStrength.Section : BoundaryStrength.Member;
    }

    /// <summary>
    /// The smallest indentation of a declaration that is not a namespace-like wrapper (a file-scoped or block
    /// namespace holds the real top level); int.MaxValue when the file has no declaration.
    /// </summary>
    private static int OutermostDeclarationIndent(List<CodeLine> lines)
    {
        int outermost = int.MaxValue, wrapper = int.MaxValue;
        foreach (var line in lines)
        {
            if (!line.Declaration) continue;
            if (line.Wrapper) wrapper = Math.Min(wrapper, line.Indent);
            else outermost = Math.Min(outermost, line.Indent);
        }
        return outermost == int.MaxValue ? wrapper : outermost;
    }

    private readonly record struct CodeLine(int Start, int Indent, bool Blank, bool Declaration, bool Wrapper, bool Attachment, bool ClosesBlock);

    private static List<CodeLine> ReadLines(string text, int start, int end)
    {
        var lines = new List<CodeLine>();
        int lineStart = start;
        while (lineStart < end)
        {
            int newline = text.IndexOf('\n', lineStart, end - lineStart);
            int lineEnd = newline < 0 ? end : newline;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            int indent = CodeDeclarations.Indent(line, out int textStart);
            var body = line[textStart..].TrimEnd();
            bool declaration = CodeDeclarations.IsDeclaration(body, out bool wrapper);
            lines.Add(new CodeLine(lineStart, indent, body.IsEmpty, declaration, wrapper, CodeDeclarations.IsAttachment(body),
                !body.IsEmpty && body[0] is '}' or ')' or ']' or '.' or ','));
            if (newline < 0) break;
            lineStart = newline + 1;
        }
        return lines;
    }
}
