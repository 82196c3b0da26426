namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Finds the LongRoPE cache switch of onnxruntime-genai builder exports (Phi-3/3.5 128k, Phi-4 mini): an
/// <c>If(Greater(total_sequence_length, original_context_length))</c> that picks the long or the short rotary caches
/// for the whole run (builders/base.py make_rotary_embedding_multi_cache, microsoft/onnxruntime-genai a0c04eb).
/// Every position of a run is rotated with the caches its run's total length selects, so KV states computed while the
/// sequence was at or under the threshold are wrong once it is longer: see <see cref="TokenGenerator"/>.
/// </summary>
internal static class RotaryCacheSwitch
{
    /// <summary>The threshold (original_context_length), or null when the graph has no such switch.</summary>
    public static int? FindThreshold(byte[] model)
    {
        var top = ProtoFields.Parse(model, 0, model.Length);
        if (top?.FirstOrDefault(f => f.Number == 7 && f.WireType == 2) is not { Number: 7 } g) return null;
        var graph = ProtoFields.Parse(model, g.PayloadStart, g.End);
        if (graph is null) return null;

        var greaterInputs = new Dictionary<string, string>();   // Greater output -> its second input
        var ifConditions = new List<string>();
        var scalars = new Dictionary<string, long>();
        foreach (var field in graph)
        {
            if (field.WireType != 2) continue;
            if (field.Number == 1 && ProtoFields.Parse(model, field.PayloadStart, field.End) is { } node)
            {
                string op = node.FirstOrDefault(f => f.Number == 4) is { WireType: 2 } o ? ProtoFields.Text(model, o) : "";
                var inputs = node.Where(f => f.Number == 1).Select(f => ProtoFields.Text(model, f)).ToList();
                var outputs = node.Where(f => f.Number == 2).Select(f => ProtoFields.Text(model, f)).ToList();
                if (op == "Greater" && inputs.Count == 2 && outputs.Count == 1) greaterInputs[outputs[0]] = inputs[1];
                else if (op == "If" && inputs.Count == 1) ifConditions.Add(inputs[0]);
                else if (op == "Constant" && outputs.Count == 1 && ConstantValue(model, node) is { } tensor && Int64Scalar(model, tensor) is { } value)
                    scalars[outputs[0]] = value.Value;   // the builder's /model/constants/INT64/N are Constant nodes
            }
            else if (field.Number == 5 && Int64Scalar(model, field) is { } scalar) scalars[scalar.Name] = scalar.Value;
        }
        foreach (var condition in ifConditions)
            if (greaterInputs.TryGetValue(condition, out var bound) && scalars.TryGetValue(bound, out var threshold) && threshold is > 0 and < int.MaxValue)
                return (int)threshold;
        return null;
    }

    // NodeProto attribute (5) named "value" (1) holding a tensor (5).
    private static ProtoField? ConstantValue(byte[] model, List<ProtoField> node)
    {
        foreach (var a in node.Where(f => f.Number == 5 && f.WireType == 2))
        {
            var attribute = ProtoFields.Parse(model, a.PayloadStart, a.End);
            if (attribute is null || attribute.FirstOrDefault(f => f.Number == 1) is not { WireType: 2 } n || ProtoFields.Text(model, n) != "value") continue;
            if (attribute.FirstOrDefault(f => f.Number == 5 && f.WireType == 2) is { Number: 5 } t) return t;
        }
        return null;
    }

    // TensorProto with data_type INT64 (7), at most one element, value in raw_data (9) or int64_data (7).
    private static (string Name, long Value)? Int64Scalar(byte[] model, ProtoField field)
    {
        var tensor = ProtoFields.Parse(model, field.PayloadStart, field.End);
        if (tensor is null) return null;
        if (tensor.FirstOrDefault(f => f.Number == 2 && f.WireType == 0) is not { Number: 2 } type || ProtoFields.Varint(model, type) != 7) return null;
        if (tensor.Count(f => f.Number == 1) > 1) return null;
        string name = tensor.FirstOrDefault(f => f.Number == 8) is { WireType: 2 } n ? ProtoFields.Text(model, n) : "";
        if (tensor.FirstOrDefault(f => f.Number == 9 && f.WireType == 2) is { Number: 9 } raw && raw.End - raw.PayloadStart == 8)
            return (name, BitConverter.ToInt64(model, raw.PayloadStart));
        if (tensor.FirstOrDefault(f => f.Number == 7) is { Number: 7 } data)
        {
            if (data.WireType == 0) return (name, (long)ProtoFields.Varint(model, data));
            int pos = data.PayloadStart;   // packed repeated int64
            if (ProtoFields.TryVarint(model, ref pos, data.End, out var v) && pos == data.End) return (name, (long)v);
        }
        return null;
    }
}
