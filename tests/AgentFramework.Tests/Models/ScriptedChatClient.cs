using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Models;

/// <summary>
/// A chat client whose answers come from a script (for orchestration tests only). It records every request it receives;
/// streaming splits the scripted answer into one update per word.
/// </summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, int, CancellationToken, Task<ChatResponse>> script,
    string? modelId = null) : IChatClient
{
    private int _calls;

    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Requests { get; } = new();
    public int Calls => _calls;

    /// <summary>Answers "echo: &lt;last user text&gt;" and reports usage of 7 in / 3 out when <paramref name="withUsage"/>.</summary>
    public static ScriptedChatClient Echo(bool withUsage = true, string? modelId = "scripted-model") => new((messages, _, _, _) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + messages[^1].Text))
        {
            Usage = withUsage ? new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3, TotalTokenCount = 10 } : null,
            FinishReason = ChatFinishReason.Stop,
        }), modelId);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Enqueue(list);
        int call = Interlocked.Increment(ref _calls);
        return await script(list, options, call, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        var words = response.Text.Split(' ');
        for (int i = 0; i < words.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]) { ModelId = response.ModelId };
        }
        var final = new ChatResponseUpdate { FinishReason = response.FinishReason };
        if (response.Usage is { } usage) final.Contents.Add(new UsageContent(usage));
        yield return final;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) && modelId is not null ? new ChatClientMetadata("scripted", null, modelId)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
