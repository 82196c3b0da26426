using System.Globalization;
using System.Text;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// The Python 3 <c>str</c> operations the official scorers use, where .NET's differ:
/// <list type="bullet">
/// <item>whitespace (<c>str.split()</c>, <c>strip()</c>, <c>isspace</c>): .NET's set plus U+001C–U+001F, which
/// Python counts as whitespace (bidi class B/S) and .NET does not;</item>
/// <item><c>lower()</c>: full lower-case mapping — "İ" becomes "i̇" (two code points) and a word-final capital sigma
/// becomes "ς" — where .NET maps one char to one char;</item>
/// <item><c>re</c>'s <c>\w</c> on str patterns: letters, numbers of any kind (Nd, Nl, No) and '_' only, where .NET's
/// <c>\w</c> also takes combining marks (Mn), every connector punctuation and U+200C/U+200D.</item>
/// </list>
/// Everything works on code points (Python's str indexing), so characters outside the BMP count once.
/// </summary>
public static class PythonText
{
    public static bool IsSpace(int codePoint) =>
        codePoint is >= 0x1C and <= 0x1F || (codePoint <= 0xFFFF && char.IsWhiteSpace((char)codePoint));

    /// <summary><c>str.split()</c> without arguments: runs of whitespace separate, no empty pieces.</summary>
    public static string[] Split(string text)
    {
        var pieces = new List<string>();
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            bool space = IsSpace(text[i]);
            if (space && start >= 0) { pieces.Add(text[start..i]); start = -1; }
            else if (!space && start < 0) start = i;
        }
        if (start >= 0) pieces.Add(text[start..]);
        return [.. pieces];
    }

    /// <summary><c>str.strip()</c> without arguments.</summary>
    public static string Strip(string text)
    {
        int start = 0, end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    /// <summary><c>" ".join(text.split())</c>.</summary>
    public static string CollapseWhitespace(string text) => string.Join(' ', Split(text));

    /// <summary><c>str.lower()</c>.</summary>
    public static string Lower(string text)
    {
        var builder = new StringBuilder(text.Length);
        int index = 0;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x80) builder.Append((char)(rune.Value is >= 'A' and <= 'Z' ? rune.Value + 32 : rune.Value));
            else if (rune.Value == 0x130) builder.Append("i\u0307");
            else if (rune.Value == 0x3A3) builder.Append(IsFinalSigma(text, index) ? 'ς' : 'σ');
            else builder.Append(buffer[..Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer)]);
            index += rune.Utf16SequenceLength;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Python's <c>\w</c> for str patterns: <c>ch.isalnum() or ch == '_'</c> (letters of any L category and characters
    /// with a numeric value).
    /// </summary>
    public static bool IsWordCharacter(int codePoint)
    {
        if (codePoint < 0x80) return codePoint is '_' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
        var category = Rune.GetUnicodeCategory(new Rune(codePoint));
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    /// <summary>Whether Python's <c>\b</c> holds at UTF-16 <paramref name="index"/> (between a \w and a non-\w code point).</summary>
    public static bool IsWordBoundary(string text, int index) => WordBefore(text, index) != WordAfter(text, index);

    private static bool WordBefore(string text, int index)
    {
        if (index <= 0) return false;
        if (text[index - 1] < 0x80) return IsWordCharacter(text[index - 1]);
        int start = index - 1;
        if (char.IsLowSurrogate(text[start]) && start > 0 && char.IsHighSurrogate(text[start - 1])) start--;
        return Rune.TryGetRuneAt(text, start, out var rune) && IsWordCharacter(rune.Value);
    }

    private static bool WordAfter(string text, int index) =>
        index < text.Length && (text[index] < 0x80 ? IsWordCharacter(text[index]) : Rune.TryGetRuneAt(text, index, out var rune) && IsWordCharacter(rune.Value));

    /// <summary>
    /// CPython's final-sigma rule (unicodeobject.c): Σ lower-cases to ς when a cased letter precedes it and none follows,
    /// skipping case-ignorable characters on both sides.
    /// </summary>
    private static bool IsFinalSigma(string text, int index)
    {
        int i = index;
        bool casedBefore = false;
        while (i > 0)
        {
            int start = i - 1;
            if (char.IsLowSurrogate(text[start]) && start > 0 && char.IsHighSurrogate(text[start - 1])) start--;
            var rune = Rune.GetRuneAt(text, start);
            i = start;
            if (IsCaseIgnorable(rune)) continue;
            casedBefore = IsCased(rune);
            break;
        }
        if (!casedBefore) return false;
        for (int j = index + 1; j < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, j);
            j += rune.Utf16SequenceLength;
            if (IsCaseIgnorable(rune)) continue;
            return !IsCased(rune);
        }
        return true;
    }

    private static bool IsCased(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    // Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk and the Word_Break MidLetter/MidNumLet/Single_Quote characters.
    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || rune.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
