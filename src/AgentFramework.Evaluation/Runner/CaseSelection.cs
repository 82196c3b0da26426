using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Runner;

/// <summary>Which cases a run takes: --limit keeps the first N cases of every length bucket, so each bucket stays represented.</summary>
public static class CaseSelection
{
    public static IReadOnlyList<BenchmarkCase> FirstPerBucket(IReadOnlyList<BenchmarkCase> cases, int? limit)
    {
        if (limit is null) return cases;
        if (limit < 1) throw new Errors.InvalidOptionException("CaseSelection.Limit", "CaseSelection.Limit must be at least 1.");
        var taken = new Dictionary<string, int>();
        var selected = new List<BenchmarkCase>();
        foreach (var c in cases)
        {
            taken.TryGetValue(c.LengthBucket, out var n);
            if (n >= limit) continue;
            taken[c.LengthBucket] = n + 1;
            selected.Add(c);
        }
        return selected;
    }
}
