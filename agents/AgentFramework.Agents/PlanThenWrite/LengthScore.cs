namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// LongBench-Write's length score S_l (THUDM/LongWriter, evaluation/eval_length.py <c>score(x, y)</c>), with
/// x = required length and y = produced length, both in <see cref="WordCounter"/> words:
/// <code>
///   y &gt; x : S_l = 100 · max(0, 1 − (y/x − 1) / 3)
///   y ≤ x : S_l = 100 · max(0, 1 − (x/y − 1) / 2)
/// </code>
/// Writing too much is penalised more gently (divisor 3) than writing too little (divisor 2). The reference divides by
/// y, so an empty output (y = 0) is undefined there; here it scores 0, the limit as y → 0.
/// </summary>
public static class LengthScore
{
    public static double Compute(int requiredWords, int producedWords)
    {
        if (requiredWords <= 0) throw new ArgumentOutOfRangeException(nameof(requiredWords), requiredWords, "required length must be positive");
        if (producedWords <= 0) return 0;
        double x = requiredWords, y = producedWords;
        return y > x
            ? 100 * Math.Max(0, 1 - (y / x - 1) / 3)
            : 100 * Math.Max(0, 1 - (x / y - 1) / 2);
    }
}
