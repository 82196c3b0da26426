using System.Text.RegularExpressions;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// Counts words the way LongBench-Write does (THUDM/LongWriter, evaluation/pred.py <c>count_words</c>): the number of
/// CJK unified ideographs (U+4E00–U+9FFF, each counts as one word) plus the number of English words, an English word
/// being a maximal run of ASCII letters between word boundaries (so "don't" is two words and "abc123" none, as there).
/// </summary>
public static partial class WordCounter
{
    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        return CjkCharacter().Count(text) + EnglishWord().Count(text);
    }

    /// <summary>True for the CJK unified ideographs that count as one word each (U+4E00–U+9FFF).</summary>
    public static bool IsCjk(int codePoint) => codePoint is >= 0x4E00 and <= 0x9FFF;

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex CjkCharacter();

    // .NET's \b, like Python 3's on str, treats any Unicode letter or digit as a word character.
    [GeneratedRegex(@"\b[a-zA-Z]+\b")]
    private static partial Regex EnglishWord();
}
