using System.Text;
using AgentFramework.Onnx.Tokenization;
using Field = AgentFramework.Onnx.Generation.ProtoField;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Rewrites a decoder graph so its output projection sees only the last position: a Slice(hidden, -1:, axis 1) is
/// inserted before the MatMul (or int4 MatMulNBits) producing the logits. Generation needs only the last row, and the full
/// [seq, vocab] logits of a long prompt dominate prefill on small models (runtime-notes.md: a 98 MB fp16 tensor at
/// 1,536 tokens). Returns null, leaving the graph as exported, when the logits are not produced by a MatMul or the
/// file is not a form this minimal protobuf editor understands.
/// </summary>
internal static class LastPositionLogitsRewriter
{
    public static byte[]? Rewrite(byte[] model, string logitsName)
    {
        var top = Parse(model, 0, model.Length);
        if (top is null) return null;
        var graphField = top.Where(f => f.Number == 7 && f.WireType == 2).Cast<Field?>().FirstOrDefault();
        if (graphField is not { } g) return null;
        var graph = Parse(model, g.PayloadStart, g.End);
        if (graph is null) return null;

        int target = -1;
        string? hidden = null;
        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Number != 1 || graph[i].WireType != 2) continue;
            var node = Parse(model, graph[i].PayloadStart, graph[i].End);
            if (node is null) return null;
            bool producesLogits = node.Any(f => f.Number == 2 && Text(model, f) == logitsName);
            if (!producesLogits) continue;
            if (node.FirstOrDefault(f => f.Number == 4) is not { WireType: 2 } op) return null;
            string domainName = node.FirstOrDefault(f => f.Number == 7) is { WireType: 2 } domain ? Text(model, domain) : "";
            if (!IsProjection(Text(model, op), domainName)) return null;
            hidden = Text(model, node.First(f => f.Number == 1));
            target = i;
            break;
        }
        if (target < 0 || hidden is null) return null;

        string sliced = hidden + "/agentfw_last_position";
        string starts = sliced + "/starts", ends = sliced + "/ends", axes = sliced + "/axes";
        var slice = new ProtobufWriter().String(1, hidden).String(1, starts).String(1, ends).String(1, axes)
            .String(2, sliced).String(3, "agentfw_last_position_slice").String(4, "Slice");

        var newGraph = new ProtobufWriter();
        for (int i = 0; i < graph.Count; i++)
        {
            var f = graph[i];
            if (i == target)
            {
                newGraph.Message(1, slice);
                newGraph.Message(1, WithFirstInput(model, f, sliced));
            }
            else newGraph.Raw(model.AsSpan(f.Start, f.End - f.Start));
        }
        newGraph.Message(5, Int64Tensor(starts, -1)).Message(5, Int64Tensor(ends, long.MaxValue)).Message(5, Int64Tensor(axes, 1));

        var result = new ProtobufWriter();
        foreach (var f in top)
        {
            if (f.Number == 7 && f.WireType == 2) result.Message(7, newGraph);
            else result.Raw(model.AsSpan(f.Start, f.End - f.Start));
        }
        return result.ToArray();
    }

    // MatMul (fp32/fp16 exports, a tied embedding's Transpose included: its first input is still the hidden state) and
    // com.microsoft MatMulNBits (int4 exports quantize lm_head too): both take the hidden state [batch, seq, hidden]
    // as input 0 and act on each position alone, so slicing it to the last position leaves that row unchanged.
    private static bool IsProjection(string op, string domain) =>
        (op == "MatMul" && domain.Length == 0) || (op == "MatMulNBits" && domain == "com.microsoft");

    private static ProtobufWriter WithFirstInput(byte[] model, Field nodeField, string input)
    {
        var node = Parse(model, nodeField.PayloadStart, nodeField.End)!;
        var rebuilt = new ProtobufWriter();
        bool replaced = false;
        foreach (var f in node)
        {
            if (!replaced && f.Number == 1) { rebuilt.String(1, input); replaced = true; }
            else rebuilt.Raw(model.AsSpan(f.Start, f.End - f.Start));
        }
        return rebuilt;
    }

    // TensorProto: dims = [1], data_type = INT64 (7), name, raw_data (little-endian).
    private static ProtobufWriter Int64Tensor(string name, long value) =>
        new ProtobufWriter().Varint(1, 1).Varint(2, 7).String(8, name).Bytes(9, BitConverter.GetBytes(value));

    private static string Text(byte[] data, Field f) => Encoding.UTF8.GetString(data, f.PayloadStart, f.End - f.PayloadStart);

    private static List<Field>? Parse(byte[] data, int start, int end) => ProtoFields.Parse(data, start, end);
}
