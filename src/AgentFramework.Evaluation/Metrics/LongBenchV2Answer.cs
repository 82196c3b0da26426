namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench v2's answer rule, ported from THUDM/LongBench @ 2e00731 pred.py <c>extract_answer</c>: '*' removed, then
/// the first "The correct answer is (X)" with X in A–D, else the first "The correct answer is X"; anything else
/// extracts nothing and scores 0 (<c>judge = pred == answer</c>). "The correct answer is (B) A boy…" is B.
/// </summary>
public static class LongBenchV2Answer
{
    private const string Cue = "The correct answer is ";

    public static string? Extract(string response)
    {
        var text = response.Replace("*", "", StringComparison.Ordinal);
        for (int at = text.IndexOf(Cue + "(", StringComparison.Ordinal); at >= 0; at = text.IndexOf(Cue + "(", at + 1, StringComparison.Ordinal))
        {
            int letter = at + Cue.Length + 1;
            if (letter + 1 < text.Length && text[letter] is >= 'A' and <= 'D' && text[letter + 1] == ')') return text[letter].ToString();
        }
        for (int at = text.IndexOf(Cue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Cue, at + 1, StringComparison.Ordinal))
        {
            int letter = at + Cue.Length;
            if (letter < text.Length && text[letter] is >= 'A' and <= 'D') return text[letter].ToString();
        }
        return null;
    }

    /// <summary>1 when the extracted letter is the gold letter, else 0.</summary>
    public static double Score(string response, string goldLetter) => Extract(response) == goldLetter ? 1 : 0;
}
