using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Budgets;

/// <summary>One call as the model would have received it.</summary>
public sealed record RecordedCall(string Stage, IReadOnlyList<ChatMessage> Messages, int? MaxOutputTokens);

/// <summary>
/// Stands in for the model in budget tests (what is checked is what the pipelines send, not what a model writes):
/// records every call and answers with <paramref name="reply"/> cut to the call's max_tokens with the model's own
/// tokenizer, as a real model stops at its limit.
/// </summary>
public sealed class RecordingChatClient(Func<RecordedCall, string> reply, AgentFramework.Tokens.ITokenCounter counter) : IChatClient
{
    private readonly List<RecordedCall> _calls = [];

    public IReadOnlyList<RecordedCall> Calls { get { lock (_calls) return _calls.ToList(); } }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new RecordedCall(PipelineContext.StageName, messages.ToList(), options?.MaxOutputTokens);
        lock (_calls) _calls.Add(call);
        var text = reply(call);
        if (options?.MaxOutputTokens is { } max && counter.CountTokens(text) > max) text = text[..counter.GetIndexByTokenCount(text, max, out _)];
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the pipelines do not stream");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("recording") : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
