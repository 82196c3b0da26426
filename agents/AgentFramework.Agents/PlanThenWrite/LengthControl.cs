using AgentFramework.Tracing;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// Brings the whole draft within <see cref="PlanThenWriteOptions.LengthTolerance"/> of its target after every section is
/// written: while it is short, the section furthest under its own target is continued (one call each round, asking for
/// the whole shortfall); while it is long, the section furthest over its target is cut at its last sentence end that
/// leaves the draft in range (at a word boundary when no sentence end does). Per-section corrections alone leave a
/// document short (a section at 85% of its target is not continued), so the total is measured and fixed here.
/// Every round is a <see cref="WritingRound"/> of its section and an artifact in the trace.
/// </summary>
public sealed class LengthControl(SectionWriter writer, PlanThenWriteOptions options)
{
    public const string Stage = "plan-then-write/length";

    public async Task<List<WrittenSection>> FitAsync(List<WrittenSection> sections, IReadOnlyList<SectionContext> contexts, int targetWords,
        PipelineTrace trace, CancellationToken cancellationToken)
    {
        // Fitted to half the tolerance, so a document whose headings or counts shift a little still ends inside it.
        int low = (int)Math.Ceiling(targetWords * (1 - options.LengthTolerance / 2));
        int high = (int)Math.Floor(targetWords * (1 + options.LengthTolerance / 2));
        var exhausted = new HashSet<int>();
        for (int round = 0; Total(sections) < low && round < options.MaxLengthRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int i = Enumerable.Range(0, sections.Count).Where(k => !exhausted.Contains(k)).DefaultIfEmpty(-1)
                .OrderBy(k => k < 0 ? double.MaxValue : sections[k].Ratio).First();
            if (i < 0) break;
            var s = sections[i];
            int wanted = Math.Min(targetWords - Total(sections), options.MaxSectionWords);
            var (text, limit) = await writer.ContinueOnceAsync(s.Plan, contexts[i], s.Text, wanted, cancellationToken).ConfigureAwait(false);
            int words = WordCounter.Count(text);
            if (words <= s.Words) exhausted.Add(i); // the same greedy request would add nothing again
            sections[i] = Replace(trace, s, text, words, RoundKind.Continue, limit, words > s.Words);
            Note(trace, $"extended section {s.Plan.Number} by {words - s.Words} words (asked for {wanted}); draft {Total(sections)} of {targetWords}");
        }
        while (Total(sections) > high)
        {
            int i = Enumerable.Range(0, sections.Count).OrderByDescending(k => sections[k].Ratio).First();
            var s = sections[i];
            int excess = Total(sections) - targetWords;
            int keepAtMost = s.Words - excess, keepAtLeast = s.Words - (Total(sections) - low);
            if (keepAtMost < 1) keepAtMost = Math.Max(1, s.Words / 4); // this section cannot absorb it all; the next one goes on
            var (text, atSentence) = Trim(s.Text, Math.Max(1, keepAtLeast), keepAtMost);
            int words = WordCounter.Count(text);
            if (words >= s.Words) break;
            sections[i] = Replace(trace, s, text, words, RoundKind.Trim, 0, true);
            Note(trace, $"trimmed section {s.Plan.Number} from {s.Words} to {words} words at a {(atSentence ? "sentence end" : "word boundary")}; draft {Total(sections)} of {targetWords}");
        }
        int total = Total(sections);
        if (total < low || total > high)
        {
            trace.Increment("plan_then_write.length_out_of_range");
            Note(trace, $"the draft has {total} words, outside {low}–{high}: the model stopped adding words after {options.MaxLengthRounds} rounds");
        }
        return sections;
    }

    /// <summary>
    /// The longest prefix of <paramref name="text"/> that ends a sentence and has between <paramref name="minWords"/> and
    /// <paramref name="maxWords"/> words; otherwise the prefix of <paramref name="maxWords"/> words ending at a word.
    /// </summary>
    public static (string Text, bool AtSentence) Trim(string text, int minWords, int maxWords)
    {
        for (int end = text.Length - 1; end > 0; end--)
        {
            if (text[end] is not ('.' or '!' or '?') || (end + 1 < text.Length && !char.IsWhiteSpace(text[end + 1]))) continue;
            int words = WordCounter.Count(text[..(end + 1)]);
            if (words < minWords) break;
            if (words <= maxWords) return (text[..(end + 1)], true);
        }
        int lo = 0, hi = text.Length;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (WordCounter.Count(text[..mid]) <= maxWords) lo = mid; else hi = mid - 1;
        }
        int cut = lo;
        while (cut > 0 && !char.IsWhiteSpace(text[cut - 1]) && cut < text.Length && !char.IsWhiteSpace(text[cut])) cut--;
        return (text[..cut].TrimEnd() + " …", false);
    }

    private static int Total(List<WrittenSection> sections) => sections.Sum(s => s.Words);

    // The round joins the section's rounds and, like the section writer's own rounds, the trace.
    private static WrittenSection Replace(PipelineTrace trace, WrittenSection s, string text, int words, RoundKind kind, int limit, bool accepted)
    {
        var round = new WritingRound(s.Plan.Number, s.Rounds.Count + 1, kind, s.Words, words, s.Plan.TargetWords, limit, accepted);
        trace.AddArtifact(new TraceArtifact("plan-then-write/round", $"section {round.Section} round {round.Round}",
            $"{kind.ToString().ToLowerInvariant()} (whole-document length): {round.WordsBefore} -> {round.WordsAfter} words (target {round.TargetWords}, " +
            $"limit {limit} tokens){(accepted ? "" : ", not kept")}"));
        trace.Increment($"plan_then_write.rounds.{kind.ToString().ToLowerInvariant()}");
        return s with { Text = text, Words = words, Rounds = [.. s.Rounds, round] };
    }

    private static void Note(PipelineTrace trace, string what)
    {
        trace.Increment("plan_then_write.length_rounds");
        trace.AddArtifact(new TraceArtifact(Stage, "length control", what));
    }
}
