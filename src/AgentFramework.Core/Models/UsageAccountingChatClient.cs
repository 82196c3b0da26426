using System.Diagnostics;
using System.Runtime.CompilerServices;
using AgentFramework.Tokens;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>
/// Records every model call (stage from <see cref="PipelineContext.StageName"/>, model id, prompt and completion
/// tokens, prompt tokens served from the backend's prefix cache, latency, cached flag, error) into the ambient <see cref="PipelineContext.Trace"/> and, when given, a fixed
/// trace. Token counts come from the backend's reported usage; when it reports none and a token counter is given, the
/// message and response text are counted with it instead.
/// </summary>
public sealed class UsageAccountingChatClient : DelegatingChatClient
{
    /// <summary>Set to true in a response's AdditionalProperties by the call cache when it replayed the call.</summary>
    public const string CachedPropertyName = "agentfw.cached";

    /// <summary>
    /// A note a backend sets in a response's AdditionalProperties when it had to change the prompt it was given (e.g. a
    /// model whose chat template refuses a system message, so it was folded into the first user turn); recorded in the
    /// trace as a <c>prompt_changed</c> notice (said once) and counted per call.
    /// </summary>
    public const string PromptNotesPropertyName = "prompt_notes";

    private readonly ITokenCounter? _tokenCounter;
    private readonly PipelineTrace? _fixedTrace;

    public UsageAccountingChatClient(IChatClient innerClient, ITokenCounter? tokenCounter = null, PipelineTrace? trace = null)
        : base(innerClient)
    {
        _tokenCounter = tokenCounter;
        _fixedTrace = trace;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var stage = PipelineContext.StageName;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await base.GetResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false);
            Record(stage, messageList, options, response, started, clock.Elapsed, error: null);
            return response;
        }
        catch (Exception e)
        {
            Record(stage, messageList, options, response: null, started, clock.Elapsed, error: e);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var stage = PipelineContext.StageName;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var updates = new List<ChatResponseUpdate>();
        var completed = false;
        Exception? failure = null;
        var enumerator = base.GetStreamingResponseAsync(messageList, options, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using var enumeratorScope = enumerator.ConfigureAwait(false);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                    update = enumerator.Current;
                }
                catch (Exception e)
                {
                    failure = e;
                    throw;
                }
                updates.Add(update);
                yield return update;
            }
            completed = true;
        }
        finally
        {
            // A consumer that stops early still made a call: record what it received, with the reason.
            var error = failure ?? (completed ? null : new OperationCanceledException("stream abandoned by the caller"));
            var response = updates.ToChatResponse();
            if (updates.Any(IsCachedUpdate)) MarkCached(response);
            Record(stage, messageList, options, response, started, clock.Elapsed, error);
        }
    }

    private void Record(string stage, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ChatResponse? response,
        DateTimeOffset started, TimeSpan latency, Exception? error)
    {
        TagTelemetrySpan(stage, response);
        var trace = PipelineContext.Trace;
        if (trace is null && _fixedTrace is null) return;

        var usage = response?.Usage;
        int prompt = ToInt(usage?.InputTokenCount) ?? CountPrompt(messages);
        int completion = ToInt(usage?.OutputTokenCount) ?? CountCompletion(response);
        var modelId = response?.ModelId ?? options?.ModelId ?? this.GetService<ChatClientMetadata>()?.DefaultModelId;
        // A replayed call did no model work, so nothing was served from the backend's prefix cache either.
        int cachedPrompt = IsCached(response) ? 0 : Math.Min(prompt, ToInt(usage?.CachedInputTokenCount) ?? 0);
        var record = new ModelCallRecord(stage, modelId, prompt, completion, latency, IsCached(response), started,
            error is null ? null : $"{error.GetType().Name}: {error.Message}", cachedPrompt);

        trace?.RecordCall(record);
        if (_fixedTrace is not null && !ReferenceEquals(_fixedTrace, trace)) _fixedTrace.RecordCall(record);
        if (response?.AdditionalProperties?.TryGetValue(PromptNotesPropertyName, out var n) == true && n is string note && note.Length > 0)
            foreach (var target in new[] { trace, ReferenceEquals(_fixedTrace, trace) ? null : _fixedTrace })
            {
                target?.Warn(TraceNoticeCodes.PromptChanged, note); // said once per run, however many calls it affected
                target?.Increment("prompt_notes");
            }
    }

    /// <summary>Adds the stage and cache flag to the enclosing OpenTelemetry span, when it is ours.</summary>
    private static void TagTelemetrySpan(string stage, ChatResponse? response)
    {
        if (Activity.Current is not { } span || span.Source.Name != AgentFrameworkTelemetry.SourceName) return;
        span.SetTag(AgentFrameworkTelemetry.StageTag, stage);
        span.SetTag(AgentFrameworkTelemetry.CachedTag, IsCached(response));
    }

    private int CountPrompt(IReadOnlyList<ChatMessage> messages) =>
        _tokenCounter is null ? 0 : messages.Sum(m => _tokenCounter.CountTokens(m.Text));

    private int CountCompletion(ChatResponse? response) =>
        _tokenCounter is null || response is null ? 0 : _tokenCounter.CountTokens(response.Text);

    private static int? ToInt(long? value) => value is null ? null : (int)Math.Min(value.Value, int.MaxValue);

    private static bool IsCached(ChatResponse? response) =>
        response?.AdditionalProperties?.TryGetValue(CachedPropertyName, out var v) == true && v is true;

    private static bool IsCachedUpdate(ChatResponseUpdate update) =>
        update.AdditionalProperties?.TryGetValue(CachedPropertyName, out var v) == true && v is true;

    private static void MarkCached(ChatResponse response) =>
        (response.AdditionalProperties ??= [])[CachedPropertyName] = true;
}
