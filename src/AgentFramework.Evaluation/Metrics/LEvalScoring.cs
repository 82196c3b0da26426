using System.Text;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's closed-ended scoring, ported from OpenLMLab/LEval @ cd34b05 Evaluation/auto_eval.py and Evaluation/em.py
/// with Python's str semantics (<see cref="PythonText"/>, <see cref="PythonFloat"/>). Scores are per instance in
/// [0, 1] (em.py's compute_exact_match is 100 × their mean).
/// </summary>
public static class LEvalScoring
{
    /// <summary>
    /// em.py exact_match_score. A gold made only of the letters A–D (after normalize_answer, which in em.py does not
    /// lower-case) is an option answer: equal → 1, the prediction's letters a subset of the gold's → 0.25 (coursera's
    /// partial credit). Any other gold: float(pred) == float(gold) when both parse, else 1 when the gold, lower-cased
    /// without spaces, occurs in the prediction likewise.
    /// </summary>
    public static double ExactMatch(string prediction, string gold)
    {
        var normalizedGold = AnswerNormalizer.NormalizeKeepingCase(gold);
        bool optionGold = normalizedGold.All(c => c is 'A' or 'B' or 'C' or 'D');
        if (optionGold)
        {
            var normalizedPrediction = AnswerNormalizer.NormalizeKeepingCase(prediction);
            if (normalizedPrediction == normalizedGold) return 1;
            return normalizedPrediction.All(normalizedGold.Contains) ? 0.25 : 0;
        }
        if (PythonFloat.Parse(prediction) is double predicted && PythonFloat.Parse(gold) is double expected)
            return predicted == expected ? 1 : 0;
        var squeezedGold = PythonText.Lower(gold).Replace(" ", "", StringComparison.Ordinal);
        var squeezedPrediction = PythonText.Lower(prediction).Replace(" ", "", StringComparison.Ordinal);
        return squeezedPrediction.Contains(squeezedGold, StringComparison.Ordinal) ? 1 : 0;
    }

    /// <summary>
    /// auto_eval.py process_output_mc: the option letters a response chose. <paramref name="coursera"/> is L-Eval's
    /// <c>"coursera" in pred_file</c> switch: other tasks take the first A–D character anywhere; coursera reads a
    /// leading run of letters, else every capital followed by whitespace, '.' or ')' (before any "Question"), else the
    /// first run of A–D characters, else guesses "A".
    /// </summary>
    public static string ProcessOutputMultipleChoice(string response, bool coursera)
    {
        if (PythonText.Strip(response).Length == 0) return "None";
        if ("ABCD".Contains(response, StringComparison.Ordinal)) return response;
        if (!coursera)
        {
            foreach (var c in response)
                if (c is 'A' or 'B' or 'C' or 'D') return c.ToString();
        }
        var cleaned = new StringBuilder();
        int leading = 0;
        while (leading < response.Length && response[leading] is 'A' or 'B' or 'C' or 'D') cleaned.Append(response[leading++]);
        if (cleaned.Length > 1) return SortedDistinct(cleaned.ToString());
        // The loop above also dropped the leading letters from the response it goes on reading.
        var rest = response[leading..];
        int question = rest.IndexOf("Question", StringComparison.Ordinal);
        if (question >= 0) rest = rest[..question];
        // re.findall(r"\s*[A-Z](?=[\s.)])", rest): every capital followed by whitespace, '.' or ')'.
        for (int i = 0; i + 1 < rest.Length; i++)
            if (rest[i] is >= 'A' and <= 'Z' && (PythonText.IsSpace(rest[i + 1]) || rest[i + 1] is '.' or ')'))
                cleaned.Append(rest[i]);
        var letters = SortedDistinct(new string([.. cleaned.ToString().Where(c => c is >= 'A' and <= 'D')]));
        if (letters.Length == 0)
        {
            var run = new StringBuilder();
            foreach (var c in rest)
            {
                if (c is 'A' or 'B' or 'C' or 'D') run.Append(c);
                else if (run.Length > 0) break;
            }
            letters = run.ToString();
        }
        return letters.Length == 0 ? "A" : letters;
    }

    /// <summary>auto_eval.py process_gt_mc: the A–D letters of the gold's first word ("A" when none); null for an empty gold (Python raises).</summary>
    public static string? ProcessGoldMultipleChoice(string gold)
    {
        var words = PythonText.Split(gold);
        if (words.Length == 0) return null;
        var letters = new string([.. words[0].Where(c => c is 'A' or 'B' or 'C' or 'D')]);
        return letters.Length == 0 ? "A" : letters;
    }

    /// <summary>auto_eval.py process_gt_judge: lower-cased "loyalty [fact: fact]" split in two; null without "[fact:" (Python raises).</summary>
    public static (string Loyalty, string Fact)? ProcessGoldJudge(string text)
    {
        var lowered = PythonText.Lower(text);
        int marker = lowered.IndexOf("[fact:", StringComparison.Ordinal);
        if (marker < 0) return null;
        var loyalty = lowered[..marker];
        var rest = lowered[(marker + "[fact:".Length)..];
        int nextMarker = rest.IndexOf("[fact:", StringComparison.Ordinal);
        if (nextMarker >= 0) rest = rest[..nextMarker];
        // resp_list[1][:-1]: the last character (normally ']') is cut, whatever it is.
        var fact = rest.Length > 0 ? rest[..^PreviousCodePointLength(rest)] : rest;
        return (PythonText.Strip(loyalty), PythonText.Strip(fact));
    }

    /// <summary>
    /// auto_eval.py process_output_judge: in each half, the first word containing "true" or "false" decides it;
    /// "&lt;error&gt;" when none does. Null where Python raises (no "[fact:" in the response).
    /// </summary>
    public static (string Loyalty, string Fact)? ProcessOutputJudge(string response)
    {
        if (ProcessGoldJudge(response) is not var (loyalty, fact)) return null;
        return (FirstVerdict(loyalty), FirstVerdict(fact));
    }

    /// <summary>sci_fi: loyalty and fact each scored by em.py exact match, averaged (auto_eval.py's "average score of fact and loyalty").</summary>
    public static (double Score, double Loyalty, double Fact)? SciFi(string prediction, string gold)
    {
        if (ProcessGoldJudge(gold) is not var (goldLoyalty, goldFact) || ProcessOutputJudge(prediction) is not var (loyalty, fact))
            return null;
        double loyaltyScore = ExactMatch(loyalty, goldLoyalty), factScore = ExactMatch(fact, goldFact);
        return ((loyaltyScore + factScore) / 2, loyaltyScore, factScore);
    }

    private static string FirstVerdict(string half)
    {
        foreach (var word in PythonText.Split(half))
        {
            if (word.Contains("true", StringComparison.Ordinal)) return "true";
            if (word.Contains("false", StringComparison.Ordinal)) return "false";
        }
        return "<error>";
    }

    private static int PreviousCodePointLength(string text) =>
        text.Length >= 2 && char.IsLowSurrogate(text[^1]) && char.IsHighSurrogate(text[^2]) ? 2 : 1;

    private static string SortedDistinct(string letters) => new([.. letters.Distinct().Order()]);
}
