namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// Turns proposed sections into a plan whose targets add up to exactly the requested length: missing targets get the
/// mean of the given ones, all targets are scaled to the total and rounded by largest remainder, and a section longer
/// than one call should write is split into parts. With no usable sections, the plan is evenly sized parts.
/// </summary>
public static class PlanTargets
{
    public static WritingPlan Normalise(IReadOnlyList<ProposedSection> proposed, int totalWords, PlanThenWriteOptions options)
    {
        if (totalWords <= 0) throw new ArgumentOutOfRangeException(nameof(totalWords), totalWords, "the requested length must be positive");
        var sections = proposed.Where(p => p.Title.Length > 0 || p.MainPoint.Length > 0).Take(options.MaxSections).ToList();
        if (sections.Count == 0)
        {
            int parts = Math.Clamp((int)Math.Round(totalWords / (double)options.PreferredSectionWords), 1, options.MaxSections);
            sections = Enumerable.Range(1, parts)
                .Select(i => new ProposedSection($"Part {i}", $"Part {i} of {parts} of the piece the instruction asks for", null))
                .ToList();
        }
        // Never more sections than words.
        if (sections.Count > totalWords) sections = sections.Take(totalWords).ToList();

        var given = sections.Where(s => s.Words is > 0).Select(s => (double)s.Words!.Value).ToList();
        double fill = given.Count > 0 ? given.Average() : 1;
        var weights = sections.Select(s => s.Words is > 0 ? s.Words.Value : fill).ToArray();
        var targets = Apportion(weights, totalWords);

        var planned = new List<PlannedSection>();
        for (int i = 0; i < sections.Count; i++)
        {
            int parts = (int)Math.Ceiling(targets[i] / (double)options.MaxSectionWords);
            if (parts <= 1)
            {
                planned.Add(new PlannedSection(planned.Count + 1, sections[i].Title, sections[i].MainPoint, targets[i]));
                continue;
            }
            var split = Apportion(Enumerable.Repeat(1.0, parts).ToArray(), targets[i]);
            for (int p = 0; p < parts; p++)
                planned.Add(new PlannedSection(planned.Count + 1, $"{sections[i].Title} (part {p + 1} of {parts})", sections[i].MainPoint, split[p]));
        }
        return new WritingPlan(planned);
    }

    /// <summary>Integers proportional to <paramref name="weights"/>, each at least 1, summing exactly to <paramref name="total"/>.</summary>
    public static int[] Apportion(double[] weights, int total)
    {
        int n = weights.Length;
        if (n == 0) return [];
        if (total < n) throw new ArgumentOutOfRangeException(nameof(total), total, "fewer words than sections");
        // Largest remainder: floor each exact share, then hand the words left to the largest fractions (earlier first).
        double sum = weights.Sum();
        var exact = weights.Select(w => sum > 0 ? w / sum * total : total / (double)n).ToArray();
        var result = exact.Select(e => (int)Math.Floor(e)).ToArray();
        int left = total - result.Sum();
        foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(left))
            result[i]++;
        // No section may be empty: take a word from the largest for each one that is.
        for (int i = 0; i < n; i++)
            while (result[i] < 1)
            {
                int largest = Array.IndexOf(result, result.Max());
                result[largest]--;
                result[i]++;
            }
        return result;
    }
}
