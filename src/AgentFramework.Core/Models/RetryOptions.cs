namespace AgentFramework.Models;

/// <summary>How <see cref="RetryingChatClient"/> retries transient failures of model calls.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; it doubles for each later one (before jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on a server's Retry-After, so a bad header cannot stall a job for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for one attempt (a whole stream, for streaming calls); null = no limit. An attempt that runs
    /// out of time counts as a transient failure (<see cref="TimeoutException"/>).</summary>
    public TimeSpan? PerCallTimeout { get; init; }

    /// <summary>Called before each retry's wait, e.g. to log it.</summary>
    public Action<RetryAttempt>? OnRetry { get; init; }

    public static RetryOptions Default { get; } = new();

    internal void Validate()
    {
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be at least 1");
        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay), "delays must not be negative");
        if (PerCallTimeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PerCallTimeout), t, "must be positive");
    }
}

/// <summary>A retry about to happen: the attempt that failed (1-based), its failure and the wait before the next.</summary>
public sealed record RetryAttempt(int FailedAttempt, Exception Failure, TimeSpan Delay);
