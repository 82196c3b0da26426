namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Upper bounds on numeric flags and request fields, so that budgets added together (prompt + output tokens,
/// seconds to a TimeSpan) can never overflow: 2^24 tokens is far beyond any model's window.
/// </summary>
public static class NumericLimits
{
    public const int MaxTokens = 1 << 24;
    public const double MaxTimeoutSeconds = 7 * 24 * 3600;
}
