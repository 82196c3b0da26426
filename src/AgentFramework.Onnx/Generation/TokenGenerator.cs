using System.Runtime.CompilerServices;
using AgentFramework.Errors;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// The generation loop: reuse the longest cached prefix, prefill the rest of the prompt in chunks, then decode one
/// token per run with the KV cache until EOS or the token limit. Yields token ids (text is the caller's concern).
/// Not thread-safe: callers serialise (see <see cref="OnnxChatClient"/>).
/// </summary>
public sealed class TokenGenerator(DecoderRunner runner, IReadOnlySet<int> eosIds, int prefillChunkTokens, PrefixCache? prefixCache, string modelId)
{
    public DecoderRunner Runner { get; } = runner;

    public IReadOnlySet<int> EosIds { get; } = eosIds;

    public PrefixCache? PrefixCache { get; } = prefixCache;

    public int ContextLength => Runner.ContextLength;

    /// <summary>
    /// LongRoPE exports (see <see cref="RotaryCacheSwitch"/>): a run whose total length exceeds this rotates every
    /// position with the long factors, a shorter run with the short ones. Null: no switch in the graph.
    /// </summary>
    public int? RotarySwitchThreshold { get; init; }

    /// <summary>
    /// Optional second engine (ONNX Runtime GenAI) that runs the forward passes instead of <see cref="Runner"/>; the
    /// sampling, the end-of-sequence ids and the stop handling stay ours.
    /// </summary>
    public ITokenEngine? Engine { get; init; }

    /// <summary>Throws a <see cref="ModelException"/> naming the sizes when the prompt plus reserved output does not fit.</summary>
    public void EnsureFits(int promptTokens, int maxNewTokens)
    {
        if (promptTokens == 0) throw new ModelException("prompt", "the prompt is empty: give some text to continue");
        if (maxNewTokens < 1) throw new InvalidOptionException("GenerationRequest.MaxNewTokens", $"GenerationRequest.MaxNewTokens must be at least 1, got {maxNewTokens}");
        if (promptTokens + maxNewTokens > ContextLength)
            throw new ModelException("prompt",
                $"the prompt is {promptTokens} tokens and {maxNewTokens} output tokens are reserved ({promptTokens + maxNewTokens} in all), " +
                $"more than the context length of {ContextLength} tokens of model '{modelId}': shorten the prompt or lower GenerationRequest.MaxNewTokens");
    }

    // A graph that cannot continue a cache with a chunk extends a cached prefix one decode step per token, which is
    // slower per token than a batched prefill: reuse only when the new part is short next to the reused part.
    private bool WorthReusing(int reused, int promptTokens) =>
        Runner.SupportsMultiTokenContinuation || promptTokens - reused <= Math.Max(32, reused / 16);

    public async IAsyncEnumerable<int> GenerateAsync(IReadOnlyList<int> prompt, GenerationRequest request, GenerationStats stats,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureFits(prompt.Count, request.MaxNewTokens);
        if (Engine is not null)
        {
            await foreach (var token in Engine.GenerateAsync(prompt, request, stats, EosIds, cancellationToken).ConfigureAwait(false))
                yield return token;
            yield break;
        }
        await Task.Yield(); // run the CPU-bound loop off the caller's synchronisation context
        var progress = new DecodeProgress(prompt, request, stats, EosIds);
        var signature = Runner.Signature;
        // LongRoPE: a prompt past the threshold must be encoded with the long factors throughout, so its first run
        // covers more than the threshold and cached (short-factor) states are neither reused nor stored for it.
        bool longRope = RotarySwitchThreshold is { } threshold && prompt.Count > threshold;
        var cache = request.UsePrefixCache && !longRope ? PrefixCache : null;

        KvCache past;
        int reused = 0;
        if (cache?.Find(prompt) is { } hit && WorthReusing(hit.Length, prompt.Count))
        {
            reused = hit.Length;
            past = KvCache.FromSnapshot(signature, hit.Snapshot, reused);
        }
        else past = KvCache.Empty(signature);
        stats.ReusedPromptTokens = reused;

        ForwardResult? last = null;
        try
        {
            var promptArray = prompt as int[] ?? prompt.ToArray();
            int chunk = Math.Max(1, prefillChunkTokens);
            for (int start = reused; start < promptArray.Length;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int remaining = promptArray.Length - start;
                int length = longRope && past.Length == 0 && Runner.SupportsMultiTokenContinuation ? Math.Min(remaining, Math.Max(chunk, RotarySwitchThreshold!.Value + 1))
                    : Runner.SupportsMultiTokenContinuation ? Math.Min(chunk, remaining)
                    : past.Length == 0 ? remaining   // the graph cannot continue a cache with a chunk: one run
                    : 1;                             // extend a cached prefix token by token
                var result = Runner.Forward(promptArray.AsSpan(start, length), past);
                past.Dispose();
                past = result.Cache;
                last = result;
                start += length;
            }
            if (cache is not null && promptArray.Length > reused)
            {
                long bytes = (long)signature.PastNames.Count * signature.PastShape(past.Length).Aggregate(1L, (a, b) => a * b) * signature.KvElementSize;
                if (cache.Fits(bytes)) cache.Add(promptArray, KvSnapshot.Capture(signature, past));
            }

            var sequence = RotarySwitchThreshold is not null && !longRope ? new List<int>(promptArray) : null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int row = last!.Rows - 1;
                int token = last.IsFloat16 ? progress.NextFromFloat16(last.RowFloat16(row)) : progress.NextFromFloat32(last.RowFloat32(row));
                if (!progress.Accept(token)) break;
                yield return token;
                if (progress.ReachedLimit()) break;
                ForwardResult next;
                if (sequence is not null && past.Length + 1 > RotarySwitchThreshold!.Value)
                {
                    // The sequence crosses the LongRoPE threshold: re-encode all of it in one run with the long factors,
                    // as ONNX Runtime GenAI does (its Phi-3 rewind, standard_decoding_strategy.cpp).
                    sequence.Add(token);
                    using (var empty = KvCache.Empty(signature)) next = Runner.Forward(sequence.ToArray(), empty);
                    sequence = null;
                }
                else
                {
                    sequence?.Add(token);
                    next = Runner.Forward([token], past);
                }
                past.Dispose();
                past = next.Cache;
                last = next;
            }
            progress.Finish();
        }
        finally
        {
            past.Dispose();
        }
    }
}
