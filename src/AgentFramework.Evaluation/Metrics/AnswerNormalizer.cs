using System.Text;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's answer normalisation (inherited from the SQuAD evaluation script), ported from THUDM/LongBench @ 2e00731
/// LongBench/metrics.py <c>normalize_answer</c> / <c>normalize_zh_answer</c> with Python's str semantics
/// (<see cref="PythonText"/>):
/// English: lower() → drop ASCII punctuation → replace the articles a/an/the (between Python <c>\b</c>s) by a space →
/// <c>" ".join(split())</c>. Punctuation goes first, so "the-end" becomes "theend" and keeps no article.
/// Chinese: lower() → drop ASCII and CJK punctuation → remove all whitespace.
/// </summary>
internal static class AnswerNormalizer
{
    // Python's string.punctuation.
    internal const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    // LongBench's cn_punctuation list (full-width forms, CJK brackets, dashes, curly quotes, ellipsis).
    private const string ChinesePunctuation =
        "！？｡。＂＃＄％＆＇（）＊＋，－／：；＜＝＞＠［＼］＾＿｀｛｜｝～｟｠｢｣､、〃》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟〰〾〿–—‘’‛“”„‟…‧﹏.";

    private static readonly string[] Articles = ["a", "an", "the"];

    public static string Normalize(string text) =>
        PythonText.CollapseWhitespace(RemoveArticles(RemoveCharacters(PythonText.Lower(text), AsciiPunctuation)));

    /// <summary>The same without lower-casing (L-Eval's em.py copy of normalize_answer drops the lower() step).</summary>
    public static string NormalizeKeepingCase(string text) =>
        PythonText.CollapseWhitespace(RemoveArticles(RemoveCharacters(text, AsciiPunctuation)));

    public static string NormalizeChinese(string text) =>
        string.Concat(PythonText.Split(RemoveCharacters(PythonText.Lower(text), AsciiPunctuation + ChinesePunctuation)));

    /// <summary>Tokens of the normalised text (Python's str.split()).</summary>
    public static string[] Tokens(string text) => PythonText.Split(Normalize(text));

    /// <summary>
    /// LongBench's qa_f1_zh_score tokens: jieba's words (<see cref="ChineseSegmenter"/>), each normalised with
    /// normalize_zh_answer, empty ones dropped.
    /// </summary>
    public static string[] ChineseTokens(string text) =>
        [.. ChineseSegmenter.Cut(text).Select(NormalizeChinese).Where(token => token.Length > 0)];

    internal static string[] SplitWhitespace(string text) => PythonText.Split(text);

    /// <summary><c>re.sub(r"\b(a|an|the)\b", " ", text)</c> with Python's \b (alternatives tried in order).</summary>
    internal static string RemoveArticles(string text)
    {
        var builder = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int matched = text[i] is 'a' or 't' && PythonText.IsWordBoundary(text, i) ? ArticleLengthAt(text, i) : 0;
            if (matched > 0) { builder.Append(' '); i += matched; }
            else builder.Append(text[i++]);
        }
        return builder.ToString();
    }

    private static int ArticleLengthAt(string text, int index)
    {
        foreach (var article in Articles)
            if (string.CompareOrdinal(text, index, article, 0, article.Length) == 0 && index + article.Length <= text.Length
                && PythonText.IsWordBoundary(text, index + article.Length))
                return article.Length;
        return 0;
    }

    private static string RemoveCharacters(string text, string remove)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            if (remove.IndexOf(c) < 0) builder.Append(c);
        return builder.ToString();
    }
}
