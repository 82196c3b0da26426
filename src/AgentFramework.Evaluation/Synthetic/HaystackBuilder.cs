using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// Builds a context of exactly the target token count (within 0.5%, measured with the model's own counter) with
/// needles at the requested depths. Filler is cut by tokens, needles go in at the nearest sentence boundary when one
/// lies within 0.4% of the context of the exact spot (RULER inserts at sentence boundaries), else at the nearest word
/// boundary; the filler budget is corrected and the whole context re-measured until the count is within tolerance.
/// </summary>
public sealed class HaystackBuilder(ITokenCounter counter, IFillerSource filler)
{
    public ITokenCounter Counter { get; } = counter;

    public sealed record Haystack(string Text, int Tokens, IReadOnlyList<PlacedNeedle> Needles, string Filler);

    public Haystack Build(int targetTokens, IReadOnlyList<Needle> needles, int seed)
    {
        if (targetTokens < 64) throw new ArgumentOutOfRangeException(nameof(targetTokens), "Synthetic contexts need at least 64 tokens.");
        var ordered = needles.OrderBy(n => n.Depth).ToList();
        int needleTokens = ordered.Sum(n => Counter.CountTokens(n.Text + " "));
        if (needleTokens >= targetTokens / 2)
            throw new ArgumentOutOfRangeException(nameof(targetTokens), $"{targetTokens} tokens is too short for {needleTokens} tokens of needles.");

        // Enough filler characters for the budget even at a low characters-per-token ratio.
        var source = filler.Text(targetTokens * 8 + 4096, seed);
        int tolerance = Math.Max(1, targetTokens / 200);
        int budget = targetTokens - needleTokens;
        Haystack? best = null;
        for (int attempt = 0; attempt < 6; attempt++)
        {
            int cut = Counter.GetIndexByTokenCount(source, budget, out int fillerTokens);
            var haystack = Assemble(source[..cut], fillerTokens, ordered, targetTokens);
            if (best is null || Math.Abs(haystack.Tokens - targetTokens) < Math.Abs(best.Tokens - targetTokens)) best = haystack;
            int error = targetTokens - haystack.Tokens;
            if (Math.Abs(error) <= tolerance) break;
            budget += error;
        }
        return best! with { Filler = filler.Name };
    }

    private Haystack Assemble(string fillerText, int fillerTokens, IReadOnlyList<Needle> needles, int targetTokens)
    {
        // Insertion points in filler coordinates: the filler before needle k must hold depth·total minus the earlier needles.
        var points = new List<int>();
        int needleTokensBefore = 0;
        int slack = Math.Max(2, targetTokens / 250);
        foreach (var needle in needles)
        {
            int fillerBefore = Math.Clamp((int)Math.Round(needle.Depth * targetTokens) - needleTokensBefore, 0, fillerTokens);
            int exact = Counter.GetIndexByTokenCount(fillerText, fillerBefore, out _);
            points.Add(Math.Max(points.LastOrDefault(), ChooseBoundary(fillerText, exact, fillerBefore, slack)));
            needleTokensBefore += Counter.CountTokens(needle.Text + " ");
        }

        var builder = new System.Text.StringBuilder(fillerText.Length + needles.Sum(n => n.Text.Length + 2));
        var offsets = new List<int>();
        int previous = 0;
        for (int i = 0; i < needles.Count; i++)
        {
            builder.Append(fillerText, previous, points[i] - previous);
            bool needsSpace = builder.Length > 0 && !char.IsWhiteSpace(builder[^1]);
            if (needsSpace) builder.Append(' ');
            offsets.Add(builder.Length);
            builder.Append(needles[i].Text);
            if (points[i] < fillerText.Length && !char.IsWhiteSpace(fillerText[points[i]])) builder.Append(' ');
            previous = points[i];
        }
        builder.Append(fillerText, previous, fillerText.Length - previous);
        var text = builder.ToString();
        int total = Counter.CountTokens(text);
        var placed = needles.Select((n, i) => new PlacedNeedle(n.Text, n.Depth, offsets[i],
            total == 0 ? 0 : (double)Counter.CountTokens(text.AsSpan(0, offsets[i])) / total)).ToList();
        return new Haystack(text, total, placed, "");
    }

    // The nearest sentence start within `slack` tokens of the exact spot, else the nearest word start.
    private int ChooseBoundary(string text, int exact, int tokensBefore, int slack)
    {
        if (exact <= 0 || exact >= text.Length) return Math.Clamp(exact, 0, text.Length);
        int window = slack * 4;
        int bestSentence = -1;
        for (int distance = 0; distance <= window; distance++)
        {
            foreach (int candidate in new[] { exact - distance, exact + distance })
                if (candidate > 0 && candidate < text.Length && IsSentenceStart(text, candidate)) { bestSentence = candidate; break; }
            if (bestSentence >= 0) break;
        }
        if (bestSentence >= 0 && Math.Abs(Counter.CountTokens(text.AsSpan(0, bestSentence)) - tokensBefore) <= slack)
            return bestSentence;
        for (int distance = 0; distance < 64; distance++)
        {
            if (exact - distance > 0 && char.IsWhiteSpace(text[exact - distance - 1]) && !char.IsWhiteSpace(text[exact - distance])) return exact - distance;
            if (exact + distance < text.Length && char.IsWhiteSpace(text[exact + distance - 1]) && !char.IsWhiteSpace(text[exact + distance])) return exact + distance;
        }
        return exact;
    }

    private static bool IsSentenceStart(string text, int index)
    {
        if (char.IsWhiteSpace(text[index])) return false;
        int j = index - 1;
        if (!char.IsWhiteSpace(text[j])) return false;
        while (j > 0 && char.IsWhiteSpace(text[j])) j--;
        return text[j] is '.' or '!' or '?' or '"' || text[index - 1] == '\n';
    }
}
