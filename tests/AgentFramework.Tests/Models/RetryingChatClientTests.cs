using System.Net;
using AgentFramework.Errors;
using AgentFramework.Models;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Models;

public class RetryingChatClientTests
{
    private static ChatResponse Ok(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>Fails the first <paramref name="failures"/> calls with <paramref name="failure"/>, then answers "ok".</summary>
    private static ScriptedChatClient FailingFirst(int failures, Func<Exception> failure) =>
        new((_, _, call, _) => call <= failures ? throw failure() : Task.FromResult(Ok("ok")));

    private static (RetryOptions Options, List<RetryAttempt> Retries) Fast(int maxAttempts = 4, TimeSpan? timeout = null)
    {
        var retries = new List<RetryAttempt>();
        return (new RetryOptions
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(4),
            MaxDelay = TimeSpan.FromMilliseconds(40),
            PerCallTimeout = timeout,
            OnRetry = retries.Add,
        }, retries);
    }

    public static TheoryData<string> TransientFailures => ["429", "503", "no-status", "timeout", "socket"];

    private static Exception Make(string kind) => kind switch
    {
        "429" => new HttpRequestException("throttled", null, HttpStatusCode.TooManyRequests),
        "503" => new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable),
        "no-status" => new HttpRequestException("connection refused"),
        "timeout" => new TimeoutException("slow"),
        "socket" => new IOException("connection reset by peer"),
        "400" => new HttpRequestException("bad request", null, HttpStatusCode.BadRequest),
        "user" => new ModelException("IChatClient", "prompt too long"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task Transient_failures_are_retried_until_success(string kind)
    {
        var backend = FailingFirst(2, () => Make(kind));
        var (options, retries) = Fast();
        var response = await new RetryingChatClient(backend, options).GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, backend.Calls);
        Assert.Equal([1, 2], retries.Select(r => r.FailedAttempt));
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var (options, _) = Fast(maxAttempts: 10);
        var client = new RetryingChatClient(ScriptedChatClient.Echo(), options);
        var failure = new TimeoutException();
        for (int attempt = 1; attempt <= 6; attempt++)
        {
            var full = Math.Min(4 * Math.Pow(2, attempt - 1), 40);
            var delay = client.DelayFor(failure, attempt).TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Theory]
    [InlineData("400")]
    [InlineData("user")]
    public async Task User_errors_and_other_4xx_are_not_retried(string kind)
    {
        var backend = FailingFirst(1, () => Make(kind));
        var (options, retries) = Fast();
        await Assert.ThrowsAnyAsync<Exception>(() => new RetryingChatClient(backend, options).GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, backend.Calls);
        Assert.Empty(retries);
    }

    [Fact]
    public async Task Gives_up_after_max_attempts_with_the_last_failure()
    {
        var backend = FailingFirst(100, () => Make("503"));
        var (options, retries) = Fast(maxAttempts: 3);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new RetryingChatClient(backend, options).GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, backend.Calls);
        Assert.Equal(2, retries.Count);
    }

    [Fact]
    public async Task A_per_call_timeout_turns_a_hung_call_into_a_retried_timeout()
    {
        // First call hangs until cancelled; the second answers.
        var backend = new ScriptedChatClient(async (_, _, call, ct) =>
        {
            if (call == 1) await Task.Delay(Timeout.Infinite, ct);
            return Ok("second");
        });
        var (options, retries) = Fast(timeout: TimeSpan.FromMilliseconds(100));
        var response = await new RetryingChatClient(backend, options).GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("second", response.Text);
        Assert.IsType<TimeoutException>(Assert.Single(retries).Failure);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_retried()
    {
        using var cts = new CancellationTokenSource();
        var backend = new ScriptedChatClient(async (_, _, _, ct) =>
        {
            cts.Cancel();
            await Task.Delay(Timeout.Infinite, ct);
            return Ok("never");
        });
        var (options, retries) = Fast();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RetryingChatClient(backend, options).GetResponseAsync("x", cancellationToken: cts.Token));
        Assert.Equal(1, backend.Calls);
        Assert.Empty(retries);
    }

    [Fact]
    public async Task Streaming_is_retried_before_the_first_update()
    {
        var backend = FailingFirst(1, () => Make("429"));
        var (options, retries) = Fast();
        var text = "";
        await foreach (var update in new RetryingChatClient(backend, options).GetStreamingResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken))
            text += update.Text;
        Assert.Equal("ok", text);
        Assert.Equal(2, backend.Calls);
        Assert.Single(retries);
    }
}
