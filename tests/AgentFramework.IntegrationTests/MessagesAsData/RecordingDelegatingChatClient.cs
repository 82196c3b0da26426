using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.MessagesAsData;

/// <summary>One request as the model behind the recorder received it, and what the model answered.</summary>
public sealed record ReceivedCall(IReadOnlyList<ChatMessage> Messages, int? MaxOutputTokens, string Reply);

/// <summary>
/// Sits directly in front of a real model (the ONNX chat client, in process or behind the server) and records every
/// request exactly as the model receives it, streaming or not, with the reply; it changes nothing.
/// </summary>
public sealed class RecordingDelegatingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly List<ReceivedCall> _calls = [];

    public IReadOnlyList<ReceivedCall> Calls { get { lock (_calls) return _calls.ToList(); } }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        Record(sent, options, response.Text);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var text = new StringBuilder();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            yield return update;
        }
        Record(sent, options, text.ToString());
    }

    private void Record(List<ChatMessage> sent, ChatOptions? options, string reply)
    {
        lock (_calls) _calls.Add(new ReceivedCall(sent, options?.MaxOutputTokens, reply));
    }
}
