using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AgentFramework.Errors;

namespace AgentFramework.Models;

/// <summary>
/// Decides which model-call failures are worth retrying: timeouts, cancellations not asked for by the caller,
/// HTTP 408/429/5xx or no status at all (connection failures), and socket I/O errors. User errors and other 4xx are final.
/// </summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception failure, CancellationToken callerToken = default) => failure switch
    {
        UserInputException => false,
        TimeoutException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException http => http.StatusCode is null || IsTransientStatus((int)http.StatusCode),
        ClientResultException client => client.Status == 0 || IsTransientStatus(client.Status),
        SocketException => true,
        IOException => true,
        _ => false,
    };

    public static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 and < 600;

    /// <summary>The server's Retry-After (seconds or HTTP date), when the failure carries one.</summary>
    public static TimeSpan? RetryAfter(Exception failure, DateTimeOffset now)
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
