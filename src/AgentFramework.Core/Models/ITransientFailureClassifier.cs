namespace AgentFramework.Models;

/// <summary>
/// Tells <see cref="RetryingChatClient"/> whether a model call's failure is worth retrying. A backend whose client
/// throws its own exception types supplies one (through <see cref="TransientFailureClassifiers"/>, or from its
/// <see cref="Microsoft.Extensions.AI.IChatClient.GetService"/>), so the retry layer needs no knowledge of any SDK.
/// </summary>
public interface ITransientFailureClassifier
{
    /// <summary>True when a retry may succeed, false when the failure is final, null when this classifier does not know
    /// the failure (the next one is asked).</summary>
    bool? IsTransient(Exception failure);

    /// <summary>How long the failure asks the caller to wait before retrying (a server's Retry-After), or null for the
    /// retry layer's own backoff.</summary>
    TimeSpan? RetryAfter(Exception failure, DateTimeOffset now) => null;
}
