using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>
/// Retries transient failures of model calls (as <see cref="TransientFailureClassifiers"/> and the backend's own
/// <see cref="ITransientFailureClassifier"/> judge them) with exponential backoff and jitter, honouring a server's
/// Retry-After, and optionally limits each attempt's time. A streaming call is retried only until
/// its first update arrived: after that the caller has seen output, and a retry would repeat it.
/// </summary>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly RetryOptions _options;
    private readonly TransientFailureClassifiers _classifiers;
    private readonly ITransientFailureClassifier? _backendClassifier;

    /// <param name="innerClient">The backend; a classifier it offers through <see cref="IChatClient.GetService"/>
    /// (e.g. an endpoint client's, for its SDK's exceptions) is asked after <paramref name="classifiers"/>.</param>
    /// <param name="options">The retry policy; <see cref="RetryOptions.Default"/> when null.</param>
    /// <param name="classifiers">The registered classifiers; <see cref="TransientFailureClassifiers.Default"/> when null.</param>
    public RetryingChatClient(IChatClient innerClient, RetryOptions? options = null, TransientFailureClassifiers? classifiers = null) : base(innerClient)
    {
        _options = options ?? RetryOptions.Default;
        _options.Validate();
        _classifiers = classifiers ?? TransientFailureClassifiers.Default;
        _backendClassifier = innerClient.GetService<ITransientFailureClassifier>();
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        for (int attempt = 1; ; attempt++)
        {
            using var timeout = StartTimeout(cancellationToken);
            try
            {
                return await base.GetResponseAsync(messageList, options, timeout?.Token ?? cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var failure = Translate(e, timeout, cancellationToken);
                if (!ShouldRetry(failure, attempt, cancellationToken)) Rethrow(failure, e);
                await WaitBeforeRetryAsync(failure, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        for (int attempt = 1; ; attempt++)
        {
            using var timeout = StartTimeout(cancellationToken);
            var token = timeout?.Token ?? cancellationToken;
            IAsyncEnumerator<ChatResponseUpdate>? stream = null;
            bool hasFirst = false;
            Exception? failure = null;
            try
            {
                stream = base.GetStreamingResponseAsync(messageList, options, token).GetAsyncEnumerator(token);
                hasFirst = await stream.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = Translate(e, timeout, cancellationToken);
                if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
                if (!ShouldRetry(failure, attempt, cancellationToken)) Rethrow(failure, e);
            }
            if (failure is not null)
            {
                await WaitBeforeRetryAsync(failure, attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                if (!hasFirst) yield break;
                yield return stream!.Current;
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await stream.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException e) when (IsOwnTimeout(timeout, cancellationToken))
                    {
                        throw Translate(e, timeout, cancellationToken);
                    }
                    if (!more) yield break;
                    yield return stream.Current;
                }
            }
            finally
            {
                await stream!.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private CancellationTokenSource? StartTimeout(CancellationToken cancellationToken)
    {
        if (_options.PerCallTimeout is not { } limit) return null;
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        return cts;
    }

    /// <summary>A cancellation caused by our own per-call timeout (not the caller) becomes a TimeoutException.</summary>
    private Exception Translate(Exception e, CancellationTokenSource? timeout, CancellationToken callerToken) =>
        e is OperationCanceledException && IsOwnTimeout(timeout, callerToken)
            ? new TimeoutException($"model call timed out after {_options.PerCallTimeout!.Value.TotalSeconds:0.###} s", e)
            : e;

    private static bool IsOwnTimeout(CancellationTokenSource? timeout, CancellationToken callerToken) =>
        timeout is { IsCancellationRequested: true } && !callerToken.IsCancellationRequested;

    private bool ShouldRetry(Exception failure, int attempt, CancellationToken callerToken) =>
        attempt < _options.MaxAttempts && _classifiers.IsTransient(failure, callerToken, _backendClassifier);

    private async Task WaitBeforeRetryAsync(Exception failure, int attempt, CancellationToken cancellationToken)
    {
        var delay = DelayFor(failure, attempt);
        _options.OnRetry?.Invoke(new RetryAttempt(attempt, failure, delay));
        if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retry-After when the server sent one (capped); otherwise base × 2^(attempt-1), capped, with "equal jitter"
    /// (half fixed, half random) so that many clients throttled together do not retry in lockstep.</summary>
    internal TimeSpan DelayFor(Exception failure, int attempt)
    {
        if (_classifiers.RetryAfter(failure, DateTimeOffset.UtcNow, _backendClassifier) is { } retryAfter)
            return retryAfter < _options.MaxRetryAfter ? retryAfter : _options.MaxRetryAfter;
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    [DoesNotReturn]
    private static void Rethrow(Exception failure, Exception original)
    {
        if (ReferenceEquals(failure, original)) ExceptionDispatchInfo.Capture(original).Throw();
        throw failure;
    }
}
