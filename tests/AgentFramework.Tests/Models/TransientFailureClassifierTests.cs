using System.Net;
using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Models;

/// <summary>
/// Transient-failure classification is open: a backend with its own exception types joins with one registration (or
/// offers its classifier from its client), and the retry layer consults it without knowing the type.
/// </summary>
public class TransientFailureClassifierTests
{
    /// <summary>A backend's own failure the framework has never heard of.</summary>
    private sealed class QuotaException(bool temporary, int waitMs = 0) : Exception("quota")
    {
        public bool Temporary { get; } = temporary;
        public int WaitMs { get; } = waitMs;
    }

    /// <summary>What the backend's authors would register: temporary quota refusals are worth a retry, after the wait they name.</summary>
    private sealed class QuotaClassifier : ITransientFailureClassifier
    {
        public bool? IsTransient(Exception failure) => failure is QuotaException quota ? quota.Temporary : null;

        public TimeSpan? RetryAfter(Exception failure, DateTimeOffset now) =>
            failure is QuotaException { WaitMs: > 0 } quota ? TimeSpan.FromMilliseconds(quota.WaitMs) : null;
    }

    /// <summary>A backend whose client offers its classifier, as the endpoint client does.</summary>
    private sealed class OfferingClient(IChatClient inner, ITransientFailureClassifier classifier) : DelegatingChatClient(inner)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ITransientFailureClassifier) ? classifier : base.GetService(serviceType, serviceKey);
    }

    private static readonly List<RetryAttempt> NoRetries = [];

    private static ScriptedChatClient FailingFirst(int failures, Func<Exception> failure) =>
        new((_, _, call, _) => call <= failures ? throw failure() : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))));

    private static RetryOptions Fast(List<RetryAttempt> retries) => new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(2),
        MaxDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryAfter = TimeSpan.FromMilliseconds(25),
        OnRetry = retries.Add,
    };

    /// <summary>One call through <c>AddChatClient(backend).UseRetry()</c> in a container, the classifier registered or not.</summary>
    private static async Task<(int Calls, int Retries, Exception? Error)> CallThroughContainerAsync(int failures, bool temporary, bool registerClassifier)
    {
        var backend = FailingFirst(failures, () => new QuotaException(temporary));
        var retries = new List<RetryAttempt>();
        var services = new ServiceCollection();
        if (registerClassifier) services.AddTransientFailureClassifier<QuotaClassifier>();
        services.AddChatClient(backend).UseRetry(Fast(retries));
        await using var provider = services.BuildServiceProvider();
        var error = await Record.ExceptionAsync(() =>
            provider.GetRequiredService<IChatClient>().GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.All(retries, r => Assert.IsType<QuotaException>(r.Failure));
        return (backend.Calls, retries.Count, error);
    }

    [Fact]
    public async Task A_registered_classifier_makes_its_exception_retried()
    {
        var (calls, retries, error) = await CallThroughContainerAsync(failures: 2, temporary: true, registerClassifier: true);
        Assert.Null(error);
        Assert.Equal((3, 2), (calls, retries));
    }

    [Fact]
    public async Task What_the_registered_classifier_calls_final_is_not_retried()
    {
        var (calls, retries, error) = await CallThroughContainerAsync(failures: 1, temporary: false, registerClassifier: true);
        Assert.IsType<QuotaException>(error);
        Assert.Equal((1, 0), (calls, retries));
    }

    [Fact]
    public async Task Without_the_registration_an_unknown_exception_is_final()
    {
        var (calls, retries, error) = await CallThroughContainerAsync(failures: 1, temporary: true, registerClassifier: false);
        Assert.IsType<QuotaException>(error);
        Assert.Equal((1, 0), (calls, retries));
    }

    [Fact]
    public async Task The_classifiers_retry_after_sets_the_wait_capped_by_the_options()
    {
        var backend = FailingFirst(2, () => new QuotaException(temporary: true, waitMs: 7));
        var retries = new List<RetryAttempt>();
        var classifiers = new TransientFailureClassifiers(TransientFailureClassifiers.BuiltIn()).Register(new QuotaClassifier());
        var response = await new RetryingChatClient(backend, Fast(retries), classifiers).GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("ok", response.Text);
        Assert.Equal([TimeSpan.FromMilliseconds(7), TimeSpan.FromMilliseconds(7)], retries.Select(r => r.Delay));

        var capped = new RetryingChatClient(FailingFirst(0, () => new QuotaException(true)), Fast(NoRetries), classifiers);
        Assert.Equal(TimeSpan.FromMilliseconds(25), capped.DelayFor(new QuotaException(temporary: true, waitMs: 60_000), 1));
    }

    [Fact]
    public async Task A_classifier_the_backend_offers_is_consulted_without_any_registration()
    {
        var backend = FailingFirst(1, () => new QuotaException(temporary: true));
        var retries = new List<RetryAttempt>();
        using var client = new RetryingChatClient(new OfferingClient(backend, new QuotaClassifier()), Fast(retries));

        var response = await client.GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, backend.Calls);
        Assert.Single(retries);
    }

    [Fact]
    public void A_later_registration_overrides_the_built_in_verdict_and_user_errors_stay_final()
    {
        var ct = TestContext.Current.CancellationToken;
        var unavailable = new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable);
        var classifiers = new TransientFailureClassifiers(TransientFailureClassifiers.BuiltIn());
        Assert.True(classifiers.IsTransient(unavailable, ct));

        classifiers.Register(new NeverRetryHttp());
        Assert.False(classifiers.IsTransient(unavailable, ct));
        Assert.False(classifiers.IsTransient(new Errors.ModelException("IChatClient", "prompt too long"), ct, new AlwaysRetry()));
        Assert.Equal(2, classifiers.Classifiers.Count);
    }

    private sealed class NeverRetryHttp : ITransientFailureClassifier
    {
        public bool? IsTransient(Exception failure) => failure is HttpRequestException ? false : null;
    }

    private sealed class AlwaysRetry : ITransientFailureClassifier
    {
        public bool? IsTransient(Exception failure) => true;
    }
}
