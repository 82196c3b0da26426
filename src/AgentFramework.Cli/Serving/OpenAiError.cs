using System.Net;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// A request the server refuses, answered in OpenAI's error shape:
/// <c>{"error":{"message":…,"type":…,"param":…,"code":…}}</c> with <see cref="Status"/>.
/// </summary>
public sealed class OpenAiError(int status, string message, string type, string? param = null, string? code = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string? Param { get; } = param;
    public string? Code { get; } = code;

    public object ToBody() => new { error = new { message = Message, type = Type, param = Param, code = Code } };

    public static OpenAiError BadRequest(string message, string? param = null) =>
        new((int)HttpStatusCode.BadRequest, message, "invalid_request_error", param);

    public static OpenAiError Unauthorized() =>
        new((int)HttpStatusCode.Unauthorized, "Incorrect or missing API key: send 'Authorization: Bearer <key>'.", "invalid_request_error", code: "invalid_api_key");

    public static OpenAiError NotFound(string message, string? code = null) =>
        new((int)HttpStatusCode.NotFound, message, "invalid_request_error", code: code);

    public static OpenAiError TooLarge(long? limit) =>
        new((int)HttpStatusCode.RequestEntityTooLarge, $"Request body is larger than the server's limit{(limit is null ? "" : $" of {limit} bytes")}.",
            "invalid_request_error", code: "request_too_large");

    public static OpenAiError QueueFull(int maxWaiting) =>
        new((int)HttpStatusCode.TooManyRequests, $"The model is busy and {maxWaiting} request(s) are already waiting; retry later.",
            "rate_limit_error", code: "queue_full");

    public static OpenAiError FromBadRequest(Microsoft.AspNetCore.Http.BadHttpRequestException e) =>
        new(e.StatusCode is >= 400 and < 500 ? e.StatusCode : (int)HttpStatusCode.BadRequest,
            $"The request could not be read: {e.Message}", "invalid_request_error", code: "bad_request_body");

    public static OpenAiError ShuttingDown() =>
        new((int)HttpStatusCode.ServiceUnavailable, "The server is shutting down; retry on another instance or after it restarts.", "server_error", code: "shutting_down");

    public static OpenAiError Internal() =>
        new((int)HttpStatusCode.InternalServerError, "The server failed to process the request.", "server_error");
}
