using System.ClientModel;
using System.Globalization;

namespace AgentFramework.Models;

/// <summary>
/// Classifies the OpenAI SDK's <see cref="ClientResultException"/> (what an endpoint's chat and embedding clients
/// throw for an HTTP error): 408, 429 and 5xx, or no status at all (the request never got an answer), are transient;
/// and the server's Retry-After (seconds or an HTTP date) sets the wait. Endpoint clients offer it to the retry layer
/// themselves; register it (<see cref="TransientFailureServiceCollectionExtensions.AddTransientFailureClassifier(Microsoft.Extensions.DependencyInjection.IServiceCollection, ITransientFailureClassifier)"/>)
/// for an OpenAI SDK client built some other way.
/// </summary>
public sealed class OpenAIClientFailureClassifier : ITransientFailureClassifier
{
    public static OpenAIClientFailureClassifier Instance { get; } = new();

    public bool? IsTransient(Exception failure) =>
        failure is ClientResultException client ? client.Status == 0 || NetworkFailureClassifier.IsTransientStatus(client.Status) : null;

    public TimeSpan? RetryAfter(Exception failure, DateTimeOffset now)
    {
        if (failure is not ClientResultException client || client.GetRawResponse() is not { } response) return null;
        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
