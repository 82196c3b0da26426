using System.Diagnostics;
using AgentFramework.Onnx.Generation;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// The baseline for the decode-loop ratio: the least a C# loop can do per token on the very same session:
/// build ids/mask/positions, InferenceSession.Run, feed presents back, vectorised argmax. No sampling, stop checks,
/// prefix cache or statistics. Handles the tiny Llama's layout (int64 ids, fp16 logits, per-layer KV).
/// </summary>
public sealed class BareDecodeLoop
{
    private readonly InferenceSession _session;
    private readonly DecoderSignature _signature;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    /// <param name="session">The same session our generator decodes on (same graph, options and threads).</param>
    public BareDecodeLoop(InferenceSession session, DecoderSignature signature)
    {
        _session = session;
        _signature = signature;
        _inputNames = [signature.InputIds, signature.AttentionMask!, signature.PositionIds!, .. signature.PastNames];
        _outputNames = [signature.Logits, .. signature.PresentNames];
        if (signature.IdType != TensorElementType.Int64 || signature.LogitsType != TensorElementType.Float16)
            throw new NotSupportedException("the bare loop is written for int64 ids and fp16 logits (the tiny Llama)");
    }

    /// <summary>Prefills <paramref name="prompt"/> and produces <paramref name="steps"/> tokens; returns tokens/s after the first, as GenerationStats does.</summary>
    public double Run(int[] prompt, int steps)
    {
        using var runOptions = new RunOptions();
        var past = _signature.PastNames.Select(_ => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, _signature.KvType, _signature.PastShape(0))).ToArray();
        var mask = Enumerable.Repeat(1L, prompt.Length + steps).ToArray();
        IDisposableReadOnlyCollection<OrtValue>? outputs = null;
        int length = 0;
        long[] ids = prompt.Select(t => (long)t).ToArray();
        var clock = new Stopwatch();
        for (int step = 0; step < steps; step++)   // step 0 prefills and picks token 1; steps 1..n-1 decode
        {
            if (step == 1) clock.Start();
            int s = ids.Length;
            var positions = new long[s];
            for (int i = 0; i < s; i++) positions[i] = length + i;
            using var idValue = OrtValue.CreateTensorValueFromMemory(ids, [1, s]);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, length + s), [1, length + s]);
            using var positionValue = OrtValue.CreateTensorValueFromMemory(positions, [1, s]);
            var next = _session.Run(runOptions, _inputNames, [idValue, maskValue, positionValue, .. past], _outputNames);
            if (outputs is null) foreach (var p in past) p.Dispose(); else outputs.Dispose();
            outputs = next;
            past = next.Skip(1).ToArray();
            length += s;
            var logits = System.Runtime.InteropServices.MemoryMarshal.Cast<Float16, ushort>(next.First().GetTensorDataAsSpan<Float16>());
            int vocab = _signature.LogitsVocabularySize;
            int token = FastArgmax.ArgmaxFloat16(logits.Slice(logits.Length - vocab, vocab));
            ids = [token];
        }
        clock.Stop();
        outputs?.Dispose();
        return (steps - 1) / clock.Elapsed.TotalSeconds;
    }
}
