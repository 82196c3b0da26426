using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>
/// Replays finished calls from an <see cref="ICallCache"/>: identical requests (same model id, messages and
/// output-changing options; see <see cref="CallCacheKey"/>) return the stored response without calling the model.
/// Requests sampled with temperature &gt; 0 and no seed pass through uncached (see <see cref="CallCacheKey.IsCacheable"/>).
/// Streaming: a hit is served as one update; a miss is stored only after the stream completed, so an abandoned or failed
/// stream never leaves a partial answer behind.
/// </summary>
public sealed class CallCacheChatClient : DelegatingChatClient
{
    private readonly ICallCache _cache;

    public CallCacheChatClient(IChatClient innerClient, ICallCache cache) : base(innerClient) =>
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!CallCacheKey.IsCacheable(options)) return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);

        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var key = KeyFor(messageList, options);
        if (await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit) return hit.ToChatResponse();

        var response = await base.GetResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false);
        await _cache.SetAsync(key, CachedChatResponse.From(response), cancellationToken).ConfigureAwait(false);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!CallCacheKey.IsCacheable(options))
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
                yield return update;
            yield break;
        }

        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var key = KeyFor(messageList, options);
        if (await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            yield return hit.ToChatResponseUpdate();
            yield break;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }
        // Reached only when the stream ran to its end.
        await _cache.SetAsync(key, CachedChatResponse.From(updates.ToChatResponse()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model is identified by provider, location (model folder or endpoint URL) and id, so two models that
    /// happen to share a folder name, or a local model and a server, never replay each other's answers.</summary>
    private string KeyFor(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var metadata = this.GetService<ChatClientMetadata>();
        var model = $"{metadata?.ProviderName}|{metadata?.ProviderUri}|{options?.ModelId ?? metadata?.DefaultModelId}";
        return CallCacheKey.Compute(model, messages, options);
    }
}
