using AgentFramework.Errors;
using AgentFramework.Onnx.Config;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// The decoder graph's actual inputs and outputs, read from the session rather than assumed: whether position_ids
/// and attention_mask exist, int32 vs int64 ids, fp16 vs fp32 KV cache, per-layer key/value vs combined past.
/// </summary>
public sealed record DecoderSignature(
    string InputIds,
    TensorElementType IdType,
    string? AttentionMask,
    TensorElementType MaskType,
    string? PositionIds,
    TensorElementType PositionType,
    PastLayout Layout,
    IReadOnlyList<string> PastNames,
    IReadOnlyList<string> PresentNames,
    TensorElementType KvType,
    long[] PastShapeTemplate,
    string Logits,
    TensorElementType LogitsType,
    int LogitsVocabularySize)
{
    /// <summary>Index of the sequence axis in a past tensor (second to last).</summary>
    public int SequenceAxis => PastShapeTemplate.Length - 2;

    public static DecoderSignature Read(InferenceSession session, GenAiConfig config, string configPath)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        var n = config.Names;
        string Missing(string what, string name, IEnumerable<string> available) =>
            $"{configPath}: {what} '{name}' is not an input/output of the decoder graph (it has: {string.Join(", ", available.Take(8))}{(available.Count() > 8 ? ", ..." : "")})";

        if (!inputs.ContainsKey(n.InputIds)) throw new ModelException(configPath, Missing("model.decoder.inputs.input_ids", n.InputIds, inputs.Keys));
        if (!outputs.ContainsKey(n.Logits)) throw new ModelException(configPath, Missing("model.decoder.outputs.logits", n.Logits, outputs.Keys));

        PastLayout layout;
        var past = new List<string>();
        var present = new List<string>();
        if (inputs.ContainsKey(Layer(n.PastKey, 0)))
        {
            layout = PastLayout.PerLayerKeyValue;
            for (int i = 0; i < config.NumHiddenLayers; i++)
            {
                past.Add(Layer(n.PastKey, i)); past.Add(Layer(n.PastValue, i));
                present.Add(Layer(n.PresentKey, i)); present.Add(Layer(n.PresentValue, i));
            }
        }
        else if (inputs.ContainsKey(Layer(n.PastCombined, 0)))
        {
            layout = PastLayout.Combined;
            for (int i = 0; i < config.NumHiddenLayers; i++) { past.Add(Layer(n.PastCombined, i)); present.Add(Layer(n.PresentCombined, i)); }
        }
        else throw new ModelException(configPath, Missing("model.decoder.inputs.past_key_names", Layer(n.PastKey, 0), inputs.Keys));

        foreach (var name in past) if (!inputs.ContainsKey(name)) throw new ModelException(configPath, Missing("past input (num_hidden_layers too large?)", name, inputs.Keys));
        foreach (var name in present) if (!outputs.ContainsKey(name)) throw new ModelException(configPath, Missing("present output", name, outputs.Keys));

        var pastMeta = inputs[past[0]];
        var template = pastMeta.Dimensions.Select(d => (long)d).ToArray();
        int headAxis = template.Length - 3, sizeAxis = template.Length - 1;
        if (template.Length < 4) throw new ModelException(configPath, $"{configPath}: past input '{past[0]}' has rank {template.Length}; expected 4 (per-layer) or 5 (combined)");
        // Symbolic dims: fill the fixed ones (heads, head size) from the config; batch = 1, sequence varies.
        if (template[headAxis] <= 0) template[headAxis] = config.NumKeyValueHeads ?? config.NumAttentionHeads
            ?? throw new ModelException(configPath, $"{configPath}: model.decoder.num_key_value_heads is needed (the graph's head dimension is symbolic)");
        if (template[sizeAxis] <= 0) template[sizeAxis] = config.HeadSize
            ?? throw new ModelException(configPath, $"{configPath}: model.decoder.head_size is needed (the graph's head-size dimension is symbolic)");
        if (layout == PastLayout.Combined) template[0] = 2;
        template[layout == PastLayout.Combined ? 1 : 0] = 1;

        var logitsMeta = outputs[n.Logits];
        int vocab = logitsMeta.Dimensions[^1] > 0 ? logitsMeta.Dimensions[^1]
            : config.VocabSize ?? throw new ModelException(configPath, $"{configPath}: model.vocab_size is needed (the graph's logits dimension is symbolic)");

        return new DecoderSignature(
            n.InputIds, inputs[n.InputIds].ElementDataType,
            inputs.ContainsKey(n.AttentionMask) ? n.AttentionMask : null,
            inputs.TryGetValue(n.AttentionMask, out var m) ? m.ElementDataType : TensorElementType.Int64,
            inputs.ContainsKey(n.PositionIds) ? n.PositionIds : null,
            inputs.TryGetValue(n.PositionIds, out var p) ? p.ElementDataType : TensorElementType.Int64,
            layout, past, present, pastMeta.ElementDataType, template,
            n.Logits, logitsMeta.ElementDataType, vocab);
    }

    private static string Layer(string pattern, int layer) => pattern.Replace("%d", layer.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Shape of one past tensor holding <paramref name="length"/> positions.</summary>
    public long[] PastShape(long length)
    {
        var shape = (long[])PastShapeTemplate.Clone();
        shape[SequenceAxis] = length;
        return shape;
    }

    public int KvElementSize => KvType is TensorElementType.Float16 or TensorElementType.BFloat16 ? 2 : 4;
}
