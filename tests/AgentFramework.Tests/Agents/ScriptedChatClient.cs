using System.Collections.Concurrent;
using AgentFramework.Tokens;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Agents;

/// <summary>One call the scripted client received: the stage it was made in, the messages and the options.</summary>
public sealed record ScriptedCall(int Index, string Stage, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    public string User => string.Join("\n", Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
    public string System => string.Join("\n", Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
}

/// <summary>
/// A chat client for orchestration tests only: answers with a script and records every call, and (standing in for the
/// usage middleware) records each call into the ambient trace with its stage.
/// </summary>
public sealed class ScriptedChatClient(Func<ScriptedCall, string> script) : IChatClient
{
    private readonly ConcurrentQueue<ScriptedCall> _calls = new();
    private int _count;

    public IReadOnlyList<ScriptedCall> Calls => _calls.OrderBy(c => c.Index).ToArray();

    public IReadOnlyList<ScriptedCall> CallsIn(string stage) => Calls.Where(c => c.Stage == stage).ToArray();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new ScriptedCall(Interlocked.Increment(ref _count) - 1, PipelineContext.StageName, messages.ToArray(), options);
        _calls.Enqueue(call);
        var text = script(call);
        var counter = TokenCounters.Cl100k;
        PipelineContext.Trace?.RecordCall(new ModelCallRecord(call.Stage, "scripted",
            call.Messages.Sum(m => counter.CountTokens(m.Text)), counter.CountTokens(text), TimeSpan.FromMilliseconds(1), false, DateTimeOffset.UtcNow));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
