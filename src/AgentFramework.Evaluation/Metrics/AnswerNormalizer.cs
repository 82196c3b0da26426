using AgentFramework.Agents.PlanThenWrite;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's answer normalisation (inherited from the SQuAD evaluation script), re-implemented from its metrics.py:
/// English: lower-case → drop ASCII punctuation → replace the articles a/an/the (whole words) by a space → collapse
/// whitespace. The order matters: punctuation goes first, so "the-end" becomes "theend" and keeps no article.
/// Chinese: lower-case → drop ASCII and CJK punctuation → remove all whitespace.
/// </summary>
public static partial class AnswerNormalizer
{
    // Python's string.punctuation.
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    // LongBench's cn_punctuation list (full-width forms, CJK brackets, dashes, curly quotes, ellipsis).
    private const string ChinesePunctuation =
        "！？｡。＂＃＄％＆＇（）＊＋，－／：；＜＝＞＠［＼］＾＿｀｛｜｝～｟｠｢｣､、〃》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟〰〾〿–—‘’‛“”„‟…‧﹏.";

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();

    public static string Normalize(string text)
    {
        var lowered = text.ToLowerInvariant();
        var noPunctuation = RemoveCharacters(lowered, AsciiPunctuation);
        var noArticles = Articles().Replace(noPunctuation, " ");
        return string.Join(' ', SplitWhitespace(noArticles));
    }

    public static string NormalizeChinese(string text)
    {
        var lowered = text.ToLowerInvariant();
        var noPunctuation = RemoveCharacters(lowered, AsciiPunctuation + ChinesePunctuation);
        return string.Concat(SplitWhitespace(noPunctuation));
    }

    /// <summary>Tokens of the normalised text (Python's str.split(): any run of whitespace separates).</summary>
    public static string[] Tokens(string text) => SplitWhitespace(Normalize(text));

    /// <summary>
    /// Chinese tokens without a segmenter: each CJK character is a token and runs of other letters/digits stay whole.
    /// LongBench segments with jieba, so scores differ slightly on multi-character words; this keeps F1 meaningful.
    /// </summary>
    public static string[] ChineseTokens(string text)
    {
        var normalized = NormalizeChinese(text);
        var tokens = new List<string>();
        var run = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (WordCounter.IsCjk(rune.Value))
            {
                if (run.Length > 0) { tokens.Add(run.ToString()); run.Clear(); }
                tokens.Add(rune.ToString());
            }
            else run.Append(rune.ToString());
        }
        if (run.Length > 0) tokens.Add(run.ToString());
        return [.. tokens];
    }

    internal static string[] SplitWhitespace(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string RemoveCharacters(string text, string remove)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            if (remove.IndexOf(c) < 0) builder.Append(c);
        return builder.ToString();
    }
}
