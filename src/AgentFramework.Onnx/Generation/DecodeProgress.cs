using System.Diagnostics;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// The per-token bookkeeping every engine's decode loop shares (our <see cref="TokenGenerator"/> and ONNX Runtime
/// GenAI's <see cref="GenAi.GenAiEngine"/>): picks the next token (with the repetition penalty's seen set), times the
/// first token and the decode, ends at an end-of-sequence id (never part of the output) or at the request's token
/// limit, and fills <see cref="GenerationStats"/>. Kept in one place so both engines stop and count alike. Starts its
/// clock when created: create it before the prefill, so the time to first token includes it.
/// </summary>
internal sealed class DecodeProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly GenerationRequest _request;
    private readonly GenerationStats _stats;
    private readonly IReadOnlySet<int> _eosIds;
    private readonly TokenSampler _sampler;
    private readonly HashSet<int>? _seen;
    private TimeSpan _decodeStart;

    public DecodeProgress(IReadOnlyList<int> prompt, GenerationRequest request, GenerationStats stats, IReadOnlySet<int> eosIds)
    {
        _request = request;
        _stats = stats;
        _eosIds = eosIds;
        _sampler = new TokenSampler(request.Sampling);
        _seen = request.Sampling.RepetitionPenalty != 1f ? new HashSet<int>(prompt) : null;
        stats.PromptTokens = prompt.Count;
    }

    /// <summary>Tokens accepted so far (end-of-sequence excluded).</summary>
    public int Generated { get; private set; }

    public int NextFromFloat32(ReadOnlySpan<float> logits) => _sampler.NextFromFloat32(logits, (IReadOnlyCollection<int>?)_seen ?? []);

    public int NextFromFloat16(ReadOnlySpan<ushort> logits) => _sampler.NextFromFloat16(logits, (IReadOnlyCollection<int>?)_seen ?? []);

    /// <summary>Records the chosen <paramref name="token"/>. False when it ends the generation: an end-of-sequence id,
    /// which the caller must not yield.</summary>
    public bool Accept(int token)
    {
        if (Generated == 0)
        {
            _stats.TimeToFirstToken = _clock.Elapsed;
            _decodeStart = _clock.Elapsed;
        }
        if (_eosIds.Contains(token))
        {
            _stats.FinishReason = GenerationFinishReason.EndOfSequence;
            return false;
        }
        Generated++;
        _stats.CompletionTokens = Generated;
        _stats.DecodeTime = _clock.Elapsed - _decodeStart;
        _seen?.Add(token);
        return true;
    }

    /// <summary>True, with the finish reason set, once the request's token limit is reached.</summary>
    public bool ReachedLimit()
    {
        if (Generated < _request.MaxNewTokens) return false;
        _stats.FinishReason = GenerationFinishReason.Length;
        return true;
    }

    /// <summary>Closes the decode time when the loop ends normally.</summary>
    public void Finish() => _stats.DecodeTime = _clock.Elapsed - _decodeStart;
}
