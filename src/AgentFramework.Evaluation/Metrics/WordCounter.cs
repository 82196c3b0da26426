using System.Text.RegularExpressions;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Words as LongBench-Write counts them (LongWriter evaluation/pred.py, count_words): the number of CJK unified
/// ideographs (U+4E00–U+9FFF) plus the number of runs of ASCII letters delimited by word boundaries. Digits and
/// other scripts do not count.
/// </summary>
public static partial class WordCounter
{
    [GeneratedRegex(@"\b[a-zA-Z]+\b")]
    private static partial Regex EnglishWord();

    public static int Count(string text)
    {
        int cjk = 0;
        foreach (var c in text) if (IsCjk(c)) cjk++;
        return cjk + EnglishWord().Count(text);
    }

    public static bool IsCjk(int codePoint) => codePoint is >= 0x4E00 and <= 0x9FFF;
}
