using System.Text.RegularExpressions;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Finds which option letter(s) a free-form response chose. Models answer "(B)", "B.", "Answer: B",
/// "the answer is b", "**B**" or repeat the option's text; tried in that order of confidence:
/// an answer cue ("answer", "option", "choice") followed by letters; a response that starts with a letter and a
/// delimiter (or is only letters); the first parenthesised letter; a unique option text contained in the response.
/// Returns the letters sorted ("B", or "ACD" for multi-select), or null when nothing credible is found.
/// </summary>
internal static partial class MultipleChoiceAnswerExtractor
{
    [GeneratedRegex(@"\b(?:correct\s+|right\s+|final\s+|best\s+)?(?:answer|option|choice)s?\s*(?:is|are|would\s+be|should\s+be|=)?\s*[:：]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerCue();

    // A letter token: "(B)", "B", "B." ... not followed by more word characters.
    [GeneratedRegex(@"\G\s*(?:,|&|/|\band\b|\bor\b)?\s*\(?([A-Ja-j])\)?(?![\w'])")]
    private static partial Regex LetterToken();

    [GeneratedRegex(@"^\s*(?:\(([A-J])\)|([A-J])(?:[.):\]]|\s*$))")]
    private static partial Regex LeadingLetter();

    [GeneratedRegex(@"^\s*[A-J](?:\s*(?:,|&|\band\b)?\s*[A-J])*\s*\.?\s*$")]
    private static partial Regex OnlyLetters();

    [GeneratedRegex(@"\(([A-J])\)")]
    private static partial Regex ParenthesisedLetter();

    [GeneratedRegex(@"^\s*\(?([A-J])[\).]\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex InlineOption();

    /// <param name="options">Option texts in letter order; enables matching by text and limits valid letters.</param>
    public static string? Extract(string response, IReadOnlyList<string>? options = null)
    {
        var text = response.Replace("*", "").Replace("`", "").Trim();
        char maxLetter = options is { Count: > 0 } ? (char)('A' + Math.Min(options.Count, 10) - 1) : 'J';

        foreach (Match cue in AnswerCue().Matches(text))
        {
            var letters = LettersAt(text, cue.Index + cue.Length, maxLetter);
            if (letters is not null) return letters;
        }

        if (OnlyLetters().IsMatch(text))
        {
            var letters = new string(text.Where(c => c >= 'A' && c <= maxLetter).Distinct().Order().ToArray());
            if (letters.Length > 0) return letters;
        }

        var leading = LeadingLetter().Match(text);
        if (leading.Success)
        {
            char letter = (leading.Groups[1].Success ? leading.Groups[1].Value : leading.Groups[2].Value)[0];
            if (letter <= maxLetter) return letter.ToString();
        }

        foreach (Match parenthesised in ParenthesisedLetter().Matches(text))
            if (parenthesised.Groups[1].Value[0] <= maxLetter) return parenthesised.Groups[1].Value;

        return options is { Count: > 0 } ? MatchOptionText(text, options) : null;
    }

    /// <summary>Gold letters from a reference answer: "(B) text" → "B", "A" → "A", "ABD" / "A, C" → sorted letters.</summary>
    public static string? GoldLetters(string gold)
    {
        var trimmed = gold.Trim();
        var leading = LeadingLetter().Match(trimmed);
        if (OnlyLetters().IsMatch(trimmed) || Regex.IsMatch(trimmed, "^[A-J]{1,10}$"))
            return new string(trimmed.Where(c => c is >= 'A' and <= 'J').Distinct().Order().ToArray());
        if (leading.Success) return leading.Groups[1].Success ? leading.Groups[1].Value : leading.Groups[2].Value;
        return null;
    }

    /// <summary>Options written inside a question ("A. text" / "(A) text" lines), in letter order; empty if none.</summary>
    public static IReadOnlyList<string> InlineOptions(string question)
    {
        var found = new SortedDictionary<char, string>();
        foreach (Match m in InlineOption().Matches(question))
            found.TryAdd(m.Groups[1].Value[0], m.Groups[2].Value);
        // Only a run A, B, C... without gaps counts as an option list.
        var list = new List<string>();
        for (char c = 'A'; found.TryGetValue(c, out var option); c++) list.Add(option);
        return list.Count >= 2 ? list : [];
    }

    private static string? LettersAt(string text, int start, char maxLetter)
    {
        var letters = new SortedSet<char>();
        int position = start;
        while (position < text.Length)
        {
            var token = LetterToken().Match(text, position);
            if (!token.Success) break;
            char raw = token.Groups[1].Value[0];
            // Lower-case "a" and "i" are English words ("the answer is a matter of..."): take them only when nothing follows.
            if (raw is 'a' or 'i' && !AtClauseEnd(text, token.Index + token.Length)) break;
            char letter = char.ToUpperInvariant(raw);
            if (letter > maxLetter) break;
            letters.Add(letter);
            position = token.Index + token.Length;
        }
        return letters.Count > 0 ? new string([.. letters]) : null;
    }

    private static bool AtClauseEnd(string text, int index)
    {
        while (index < text.Length && text[index] == ' ') index++;
        return index >= text.Length || ".,;:!?)\n".Contains(text[index]);
    }

    private static string? MatchOptionText(string text, IReadOnlyList<string> options)
    {
        var response = AnswerNormalizer.Normalize(text);
        var matches = new List<int>();
        for (int i = 0; i < options.Count; i++)
        {
            var option = AnswerNormalizer.Normalize(options[i]);
            if (option.Length > 0 && response.Contains(option, StringComparison.Ordinal)) matches.Add(i);
        }
        // Drop options that are contained in a longer matched option ("blue" vs "dark blue").
        var distinct = matches.Where(i => !matches.Any(j => j != i &&
            AnswerNormalizer.Normalize(options[j]).Contains(AnswerNormalizer.Normalize(options[i]), StringComparison.Ordinal))).ToList();
        return distinct.Count == 1 ? ((char)('A' + distinct[0])).ToString() : null;
    }
}
