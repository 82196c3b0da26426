using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>The parts of a <see cref="ChatResponse"/> the call cache keeps: text, usage, finish reason and model id.</summary>
public sealed record CachedChatResponse(
    string Text,
    string? ModelId,
    string? FinishReason,
    long? InputTokens,
    long? OutputTokens,
    long? TotalTokens)
{
    public static CachedChatResponse From(ChatResponse response) => new(
        response.Text,
        response.ModelId,
        response.FinishReason?.Value,
        response.Usage?.InputTokenCount,
        response.Usage?.OutputTokenCount,
        response.Usage?.TotalTokenCount);

    /// <summary>Rebuilds the response, marked as replayed so usage accounting records the call as cached.</summary>
    public ChatResponse ToChatResponse() => new(new ChatMessage(ChatRole.Assistant, Text))
    {
        ModelId = ModelId,
        FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
        Usage = Usage(),
        AdditionalProperties = new() { [UsageAccountingChatClient.CachedPropertyName] = true },
    };

    /// <summary>The response as a single streaming update (text, usage, finish reason), marked as replayed.</summary>
    public ChatResponseUpdate ToChatResponseUpdate()
    {
        var contents = new List<AIContent> { new TextContent(Text) };
        if (Usage() is { } usage) contents.Add(new UsageContent(usage));
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ModelId = ModelId,
            FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
            AdditionalProperties = new() { [UsageAccountingChatClient.CachedPropertyName] = true },
        };
    }

    private UsageDetails? Usage() => InputTokens is null && OutputTokens is null && TotalTokens is null
        ? null
        : new UsageDetails { InputTokenCount = InputTokens, OutputTokenCount = OutputTokens, TotalTokenCount = TotalTokens };
}
