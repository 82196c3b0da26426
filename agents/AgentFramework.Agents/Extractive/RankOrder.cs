namespace AgentFramework.Agents.Extractive;

/// <summary>
/// Positions by score, highest first, ties by position: the order <c>OrderByDescending(score).ThenBy(index)</c> gives,
/// sorted by code of this assembly, which ReadyToRun precompiles (LINQ's sorter over int and double keys is compiled
/// at start-up in every run; issue 15).
/// </summary>
internal static class RankOrder
{
    public static int[] ByScoreDescending(IReadOnlyList<double> scores)
    {
        var order = new int[scores.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var buffer = new int[order.Length];
        // Bottom-up merge sort; the comparison is a total order, so any correct sort gives this one result.
        for (int width = 1; width < order.Length; width *= 2)
        {
            for (int left = 0; left < order.Length; left += 2 * width)
            {
                int middle = Math.Min(left + width, order.Length), right = Math.Min(left + 2 * width, order.Length);
                int a = left, b = middle, at = left;
                while (a < middle && b < right) buffer[at++] = Before(scores, order[b], order[a]) ? order[b++] : order[a++];
                while (a < middle) buffer[at++] = order[a++];
                while (b < right) buffer[at++] = order[b++];
            }
            (order, buffer) = (buffer, order);
        }
        return order;
    }

    // Comparer<double>.Default's order (CompareTo: NaN lowest), descending; then the lower position.
    private static bool Before(IReadOnlyList<double> scores, int x, int y)
    {
        int byScore = scores[y].CompareTo(scores[x]);
        return byScore < 0 || (byScore == 0 && x < y);
    }
}
