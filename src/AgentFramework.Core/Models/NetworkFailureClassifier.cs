using System.Net;
using System.Net.Sockets;

namespace AgentFramework.Models;

/// <summary>
/// The built-in classifier for failures of any HTTP or socket backend: timeouts, HTTP 408/429/5xx or no status at all
/// (connection failures), and socket I/O errors are transient; other HTTP statuses are final.
/// </summary>
public sealed class NetworkFailureClassifier : ITransientFailureClassifier
{
    public bool? IsTransient(Exception failure) => failure switch
    {
        TimeoutException => true,
        HttpRequestException http => http.StatusCode is null || IsTransientStatus((int)http.StatusCode),
        SocketException => true,
        IOException => true,
        _ => null,
    };

    /// <summary>HTTP 408, 429 and 5xx: the server may answer a retry.</summary>
    public static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 and < 600;
}
