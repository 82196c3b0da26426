using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// One forward pass of the decoder graph: builds input_ids / attention_mask / position_ids in the graph's own types,
/// feeds the past KV values and returns logits plus the new KV cache. Prefill and decode may use different sessions
/// (thread counts), sharing the same signature.
/// </summary>
public sealed class DecoderRunner : IDisposable
{
    private readonly InferenceSession _prefill;
    private readonly InferenceSession _decode;
    private readonly RunOptions _runOptions = new();
    private readonly long[] _onesLong;
    private readonly int[] _onesInt;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private readonly bool _ownsSessions;

    public DecoderRunner(InferenceSession prefill, InferenceSession decode, DecoderSignature signature, VocabularyGuard guard, int contextLength, bool ownsSessions = true)
    {
        _ownsSessions = ownsSessions;
        _prefill = prefill;
        _decode = decode;
        Signature = signature;
        Guard = guard;
        _onesLong = Enumerable.Repeat(1L, contextLength).ToArray();
        _onesInt = Enumerable.Repeat(1, contextLength).ToArray();
        var inputs = new List<string> { signature.InputIds };
        if (signature.AttentionMask is { } mask) inputs.Add(mask);
        if (signature.PositionIds is { } pos) inputs.Add(pos);
        inputs.AddRange(signature.PastNames);
        _inputNames = [.. inputs];
        _outputNames = [signature.Logits, .. signature.PresentNames];
    }

    public DecoderSignature Signature { get; }

    /// <summary>The session single-token steps run on (the benchmark's bare loop runs the very same session).</summary>
    internal InferenceSession DecodeSession => _decode;

    public VocabularyGuard Guard { get; }

    public int ContextLength => _onesLong.Length;

    /// <summary>
    /// Whether the graph accepts several new tokens on top of a non-empty cache (chunked prefill, extending a cached
    /// prefix). Some exports (the onnxruntime-genai Llama builder's MultiHeadAttention mask subgraph) accept only a
    /// fresh prompt or one token at a time; then prompts are prefilled in one run and cached prefixes are extended
    /// token by token. Found by <see cref="ProbeMultiTokenContinuation"/>.
    /// </summary>
    public bool SupportsMultiTokenContinuation { get; private set; } = true;

    /// <summary>Runs 2 tokens on a 1-token cache once to learn <see cref="SupportsMultiTokenContinuation"/>.</summary>
    public bool ProbeMultiTokenContinuation()
    {
        if (ContextLength < 3) return SupportsMultiTokenContinuation = false;
        using var empty = KvCache.Empty(Signature);
        var first = Forward([0], empty);
        try
        {
            var second = Forward([0, 0], first.Cache);
            second.Cache.Dispose();
            SupportsMultiTokenContinuation = true;
        }
        catch (OnnxRuntimeException)
        {
            SupportsMultiTokenContinuation = false;
        }
        finally
        {
            first.Cache.Dispose();
        }
        return SupportsMultiTokenContinuation;
    }

    /// <summary>
    /// Runs <paramref name="tokens"/> after <paramref name="past"/>. The caller owns both the result and
    /// <paramref name="past"/> (which it may dispose once this returns).
    /// </summary>
    public ForwardResult Forward(ReadOnlySpan<int> tokens, KvCache past)
    {
        int s = tokens.Length, total = past.Length + s;
        if (total > ContextLength) throw new InvalidOperationException($"sequence of {total} tokens exceeds the context length {ContextLength}");
        var created = new List<OrtValue>(3);
        var values = new List<OrtValue>(_inputNames.Length);
        long[] rowShape = [1, s];

        if (Signature.IdType == TensorElementType.Int32)
        {
            var ids = new int[s];
            for (int i = 0; i < s; i++) ids[i] = Guard.Map(tokens[i]);
            created.Add(OrtValue.CreateTensorValueFromMemory(ids, rowShape));
        }
        else
        {
            var ids = new long[s];
            for (int i = 0; i < s; i++) ids[i] = Guard.Map(tokens[i]);
            created.Add(OrtValue.CreateTensorValueFromMemory(ids, rowShape));
        }
        values.Add(created[^1]);
        if (Signature.AttentionMask is not null)
        {
            created.Add(Signature.MaskType == TensorElementType.Int32
                ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _onesInt.AsMemory(0, total), [1, total])
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _onesLong.AsMemory(0, total), [1, total]));
            values.Add(created[^1]);
        }
        if (Signature.PositionIds is not null)
        {
            if (Signature.PositionType == TensorElementType.Int32)
            {
                var positions = new int[s];
                for (int i = 0; i < s; i++) positions[i] = past.Length + i;
                created.Add(OrtValue.CreateTensorValueFromMemory(positions, rowShape));
            }
            else
            {
                var positions = new long[s];
                for (int i = 0; i < s; i++) positions[i] = past.Length + i;
                created.Add(OrtValue.CreateTensorValueFromMemory(positions, rowShape));
            }
            values.Add(created[^1]);
        }
        values.AddRange(past.Values);

        try
        {
            var session = s == 1 ? _decode : _prefill;
            var outputs = session.Run(_runOptions, _inputNames, values, _outputNames);
            return new ForwardResult(outputs, Signature, total);
        }
        finally
        {
            foreach (var v in created) v.Dispose();
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        if (!_ownsSessions) return;
        if (!ReferenceEquals(_decode, _prefill)) _decode.Dispose();
        _prefill.Dispose();
    }
}

/// <summary>The outputs of one forward pass: logits for every position run, and the KV cache after them.</summary>
public sealed class ForwardResult
{
    private readonly IDisposableReadOnlyCollection<OrtValue> _outputs;
    private readonly DecoderSignature _signature;

    internal ForwardResult(IDisposableReadOnlyCollection<OrtValue> outputs, DecoderSignature signature, int totalLength)
    {
        _outputs = outputs;
        _signature = signature;
        Cache = new KvCache(outputs.Skip(1).ToArray(), totalLength, outputs);
    }

    /// <summary>The KV cache after this run; disposing it frees all outputs of the run, logits included.</summary>
    public KvCache Cache { get; }

    public OrtValue Logits => _outputs.First();

    public int VocabularySize => _signature.LogitsVocabularySize;

    /// <summary>Number of logits rows the graph returned (all positions, or only the last for some exports).</summary>
    public int Rows => (int)(Logits.GetTensorTypeAndShape().ElementCount / VocabularySize);

    public bool IsFloat16 => _signature.LogitsType == TensorElementType.Float16;

    public ReadOnlySpan<ushort> RowFloat16(int row) => System.Runtime.InteropServices.MemoryMarshal.Cast<Float16, ushort>(Logits.GetTensorDataAsSpan<Float16>()).Slice(row * VocabularySize, VocabularySize);

    public ReadOnlySpan<float> RowFloat32(int row) => Logits.GetTensorDataAsSpan<float>().Slice(row * VocabularySize, VocabularySize);

    /// <summary>A row converted to float (tests and diagnostics; the decode loop reads the raw row).</summary>
    public float[] RowAsFloats(int row)
    {
        if (!IsFloat16) return RowFloat32(row).ToArray();
        var bits = RowFloat16(row);
        var result = new float[bits.Length];
        for (int i = 0; i < bits.Length; i++) result[i] = (float)BitConverter.UInt16BitsToHalf(bits[i]);
        return result;
    }
}
