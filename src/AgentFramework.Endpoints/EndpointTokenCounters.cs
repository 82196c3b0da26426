using System.Collections.Concurrent;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>Counts text with the server's own tokenizer (<c>/tokenize</c>), caching recent counts.</summary>
internal sealed class EndpointTokenCounter(EndpointTokenizerClient client) : ITokenCounter
{
    private const int MaxCached = 4096;
    private readonly ConcurrentDictionary<string, int> _cache = new(StringComparer.Ordinal);

    public string Name => $"{client.Endpoint.ModelId} tokenizer at {client.Endpoint.BaseUrl}";

    public int CountTokens(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        var key = text.ToString();
        if (_cache.TryGetValue(key, out var count)) return count;
        count = client.Tokenize(key).Length;
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[key] = count;
        return count;
    }

    // Binary search over prefix lengths with the server's counts: exact for any tokenizer, a few requests per cut.
    public int GetIndexByTokenCount(ReadOnlySpan<char> text, int maxTokens, out int tokenCount)
    {
        tokenCount = 0;
        if (text.IsEmpty || maxTokens <= 0) return 0;
        int total = CountTokens(text);
        if (total <= maxTokens) { tokenCount = total; return text.Length; }
        int lo = 0, hi = text.Length, best = 0, bestCount = 0;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (mid > 0 && mid < text.Length && char.IsLowSurrogate(text[mid])) mid--;
            int count = CountTokens(text[..mid]);
            if (count <= maxTokens) { best = mid; bestCount = count; lo = mid + 1; }
            else hi = mid - 1;
        }
        tokenCount = bestCount;
        return best;
    }
}

/// <summary>
/// Counts a chat prompt with the server's chat template when its <c>/tokenize</c> takes messages (vLLM,
/// <c>agentfw serve</c>); otherwise (llama.cpp) the contents with the server's tokenizer plus scaffolding allowances.
/// </summary>
internal sealed class EndpointPromptTokenCounter(EndpointTokenizerClient client, ITokenCounter textCounter) : IPromptTokenCounter
{
    private readonly ScaffoldingEstimatePromptTokenCounter _estimate = new(textCounter);

    public string Name => $"{client.Endpoint.ModelId} chat template at {client.Endpoint.BaseUrl}";

    public int CountPromptTokens(IReadOnlyList<ChatMessage> messages) => client.CountChat(messages) ?? _estimate.CountPromptTokens(messages);
}

/// <summary>How a command budgets for an endpoint, and the one line that says so.</summary>
public sealed record EndpointBudget(ModelProfile Profile, bool ServerTokenizer, bool ServerWindow, string Description);

/// <summary>Builds an endpoint's <see cref="ModelProfile"/> from what the server states, falling back with a stated margin.</summary>
public static class EndpointBudgets
{
    /// <summary>Counts are raised by this fraction when the server's tokenizer is unknown (cl100k stands in for it).</summary>
    public const double FallbackSafetyMargin = 0.15;

    public static EndpointBudget Discover(EndpointOptions endpoint, int contextLength, TimeSpan timeout)
    {
        var client = new EndpointTokenizerClient(endpoint, timeout);
        int? stated = client.StatedContextLength();
        int window = stated ?? contextLength;
        if (client.Probe())
        {
            var text = new EndpointTokenCounter(client);
            var profile = new ModelProfile(endpoint.ModelId, window, text) { PromptTokenCounter = new EndpointPromptTokenCounter(client, text) };
            return new EndpointBudget(profile, true, stated is not null,
                $"budgets use {endpoint.BaseUrl}'s tokenizer and {(stated is null ? $"EndpointBudgets.Discover(contextLength) {window} (the server states none)" : $"its stated context of {window} tokens")}");
        }
        client.Dispose();
        var margined = new SafetyMarginTokenCounter(TokenCounters.Cl100k, FallbackSafetyMargin);
        var fallback = new ModelProfile(endpoint.ModelId, window, margined) { PromptTokenCounter = new ScaffoldingEstimatePromptTokenCounter(margined) };
        return new EndpointBudget(fallback, false, stated is not null,
            $"{endpoint.BaseUrl} offers no /tokenize: counting with cl100k_base + {FallbackSafetyMargin:P0} safety margin within " +
            (stated is null ? $"EndpointBudgets.Discover(contextLength) {window} (the server states no context length)" : $"its stated context of {window} tokens"));
    }
}
