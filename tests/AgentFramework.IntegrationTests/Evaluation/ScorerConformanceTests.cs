using System.Text;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// Every pair of ../shared/data/scorer-conformance/pairs.jsonl (7,677 predictions with the score the benchmarks' own
/// Python code gave them) scored by our ports: |Δ| ≤ 1e-6 for every pair, and where the official code raises, ours
/// reports that it raises. Prints per family: pairs / max |Δ| / mismatches.
/// </summary>
public sealed class ScorerConformanceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Every_conformance_pair_scores_as_the_official_scorer()
    {
        var path = SharedData.RequireFile("data/scorer-conformance/pairs.jsonl");
        var pairs = ConformancePair.Load(path);
        Assert.Equal(7677, pairs.Count);

        var checks = pairs.AsParallel().SelectMany(pair => ConformanceScorer.Score(pair).Select(check => (pair, check))).ToList();
        var table = new StringBuilder("family | pairs | max |Δ| | mismatches\n");
        var failures = new List<string>();
        foreach (var family in checks.GroupBy(c => c.check.Name == "score" ? c.pair.Family : $"{c.pair.Family} ({c.check.Name})").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            double maxDelta = family.Select(c => c.check.Ours is double ours && c.check.Official is double official ? Math.Abs(ours - official) : 0).Max();
            var wrong = family.Where(c => !ConformanceScorer.Agrees(c.check, Tolerance)).ToList();
            table.AppendLine($"{family.Key} | {family.Count()} | {maxDelta:E2} | {wrong.Count}");
            failures.AddRange(wrong.Take(3).Select(c => $"{c.pair.Id} {c.check.Name}: ours {c.check.Ours?.ToString() ?? "raises"}, official {c.check.Official?.ToString() ?? "raises"}"));
        }
        output.WriteLine(table.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Every pair was checked (the sub-score checks come on top).
        Assert.Equal(pairs.Count, checks.Count(c => c.check.Name == "score"));
    }
}
