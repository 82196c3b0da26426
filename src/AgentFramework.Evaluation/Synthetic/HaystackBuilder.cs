using System.Text;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// Builds a haystack of a given token count (haystack only, needles included; within 0.25%, measured with the model's
/// own counter) with needles between sentences, as RULER and Kamradt place them. The filler's whitespace is collapsed
/// as RULER does (hard-wrapped line breaks are not sentence starts), the filler is cut at a word boundary and its last
/// sentence closed with a period, and each needle goes in at the sentence start whose token offset is nearest the
/// requested depth (Kamradt measures depth in tokens and backs up to the previous '.', gkamradt/LLMTest_NeedleInAHaystack
/// llm_needle_haystack_tester.py @2b3fb9a; RULER inserts between NLTK sentences). The filler budget is corrected and
/// the whole haystack re-measured until the count is within tolerance.
/// </summary>
public sealed class HaystackBuilder(ITokenCounter counter, IFillerSource filler)
{
    public ITokenCounter Counter { get; } = counter;

    public sealed record Haystack(string Text, int Tokens, IReadOnlyList<PlacedNeedle> Needles, string Filler);

    public Haystack Build(int haystackTokens, IReadOnlyList<Needle> needles, int seed)
    {
        if (haystackTokens < 32) throw new ArgumentOutOfRangeException(nameof(haystackTokens), "Synthetic haystacks need at least 32 tokens.");
        var ordered = needles.OrderBy(n => n.Depth).ToList();
        int needleTokens = ordered.Sum(n => Counter.CountTokens(" " + n.Text));
        if (needleTokens >= haystackTokens / 2)
            throw new ArgumentOutOfRangeException(nameof(haystackTokens), $"{haystackTokens} tokens is too short for {needleTokens} tokens of needles.");

        // Enough filler characters for the budget even at a low characters-per-token ratio.
        var source = SentenceBoundaries.CollapseWhitespace(filler.Text(haystackTokens * 8 + 4096, seed));
        int tolerance = Math.Max(1, haystackTokens / 400);
        int budget = haystackTokens - needleTokens;
        Haystack? best = null;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var fillerText = Cut(source, Math.Max(1, budget));
            var haystack = Assemble(fillerText, ordered, haystackTokens);
            if (best is null || Math.Abs(haystack.Tokens - haystackTokens) < Math.Abs(best.Tokens - haystackTokens)) best = haystack;
            int error = haystackTokens - haystack.Tokens;
            if (Math.Abs(error) <= tolerance) break;
            budget += error;
        }
        return best! with { Filler = filler.Name };
    }

    // The first `budget` tokens of the filler, cut back to a word boundary, its last sentence closed with a period so the
    // end of the haystack is a sentence boundary too.
    private string Cut(string source, int budget)
    {
        int cut = Counter.GetIndexByTokenCount(source, budget, out _);
        if (cut < source.Length)
        {
            int space = source.LastIndexOf(' ', Math.Max(0, cut - 1));
            if (space > 0) cut = space;
        }
        var text = source[..cut].TrimEnd();
        if (SentenceBoundaries.EndsSentence(text)) return text;
        return text.TrimEnd(',', ';', ':', '-', '—', '–') + ".";
    }

    private Haystack Assemble(string fillerText, IReadOnlyList<Needle> needles, int targetTokens)
    {
        // Candidate insertion points: every sentence start, and the end. Token offsets are summed per sentence, each
        // counted with its leading space as it appears in the text (close to the exact prefix count; depth is re-measured).
        var starts = SentenceBoundaries.Starts(fillerText).Append(fillerText.Length).Distinct().ToList();
        var tokenOffsets = new int[starts.Count];
        for (int k = 1; k < starts.Count; k++)
        {
            int from = Math.Max(0, starts[k - 1] - 1);
            tokenOffsets[k] = tokenOffsets[k - 1] + Counter.CountTokens(fillerText.AsSpan(from, Math.Max(0, starts[k] - 1 - from)));
        }

        // The filler before needle i must hold depth·total minus the earlier needles' tokens.
        var points = new List<int>();
        int needleTokensBefore = 0, previous = 0;
        foreach (var needle in needles)
        {
            int fillerBefore = (int)Math.Round(needle.Depth * targetTokens) - needleTokensBefore;
            int chosen = previous;
            for (int k = previous; k < starts.Count; k++)
                if (Math.Abs(tokenOffsets[k] - fillerBefore) < Math.Abs(tokenOffsets[chosen] - fillerBefore)) chosen = k;
            points.Add(chosen);
            previous = chosen;
            needleTokensBefore += Counter.CountTokens(" " + needle.Text);
        }

        var builder = new StringBuilder(fillerText.Length + needles.Sum(n => n.Text.Length + 2));
        var offsets = new List<int>();
        int copied = 0;
        for (int i = 0; i < needles.Count; i++)
        {
            int at = starts[points[i]];
            builder.Append(fillerText, copied, at - copied);   // ends with the space before the sentence, or is the whole filler
            copied = at;
            if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            offsets.Add(builder.Length);
            builder.Append(needles[i].Text);
            if (at < fillerText.Length) builder.Append(' ');
        }
        builder.Append(fillerText, copied, fillerText.Length - copied);
        var text = builder.ToString();
        int total = Counter.CountTokens(text);
        var placed = needles.Select((n, i) => new PlacedNeedle(n.Text, n.Depth, offsets[i],
            total == 0 ? 0 : (double)Counter.CountTokens(text.AsSpan(0, offsets[i])) / total)).ToList();
        return new Haystack(text, total, placed, "");
    }
}
