using AgentFramework.Onnx.Tokenization;

namespace AgentFramework.Tests.Onnx;

/// <summary>
/// Writes a tiny BERT-like encoder as an ONNX file (no weights can be downloaded here): token and type embeddings
/// (Gather + Add), a dense layer (MatMul) and Tanh give last_hidden_state [batch, seq, hidden]; optionally a
/// pooler_output [batch, hidden] (ReduceMean over the sequence). Random weights from a fixed seed; plus vocab.txt.
/// </summary>
internal static class TinyEncoderWriter
{
    public static readonly string[] Vocabulary =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "whale", "ship", "sea", "captain", "ahab", "white", "##s", "call", "me", "ishmael", ".", ","];

    public const int Hidden = 8;

    public static string WriteFolder(string folder, bool withPooledOutput = false)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), Vocabulary);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Model(withPooledOutput));
        return folder;
    }

    private static byte[] Model(bool pooled)
    {
        var random = new Random(42);
        float[] Weights(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var graph = new ProtobufWriter()
            .Message(1, Node("Gather", ["word_embeddings", "input_ids"], ["words"]))
            .Message(1, Node("Gather", ["type_embeddings", "token_type_ids"], ["types"]))
            .Message(1, Node("Add", ["words", "types"], ["embedded"]))
            .Message(1, Node("MatMul", ["embedded", "dense"], ["projected"]))
            .Message(1, Node("Tanh", ["projected"], ["last_hidden_state"]));
        if (pooled)
            graph.Message(1, Node("ReduceMean", ["last_hidden_state"], ["pooler_output"])
                .Message(5, new ProtobufWriter().String(1, "axes").Varint(8, 1).Varint(20, 7))
                .Message(5, new ProtobufWriter().String(1, "keepdims").Varint(3, 0).Varint(20, 2)));
        graph.String(2, "tiny-encoder")
            .Message(5, FloatTensor("word_embeddings", [Vocabulary.Length, Hidden], Weights(Vocabulary.Length * Hidden)))
            .Message(5, FloatTensor("type_embeddings", [2, Hidden], Weights(2 * Hidden)))
            .Message(5, FloatTensor("dense", [Hidden, Hidden], Weights(Hidden * Hidden)))
            .Message(11, Value("input_ids", 7, ["batch", "sequence"]))
            .Message(11, Value("attention_mask", 7, ["batch", "sequence"]))
            .Message(11, Value("token_type_ids", 7, ["batch", "sequence"]))
            .Message(12, Value("last_hidden_state", 1, ["batch", "sequence", Hidden]));
        if (pooled) graph.Message(12, Value("pooler_output", 1, ["batch", Hidden]));
        return new ProtobufWriter()
            .Varint(1, 8)                                                  // ir_version
            .String(2, "agentfw-tests")                                     // producer_name
            .Message(7, graph)
            .Message(8, new ProtobufWriter().String(1, "").Varint(2, 13))   // opset 13: ReduceMean takes an axes attribute
            .ToArray();
    }

    internal static ProtobufWriter Node(string op, string[] inputs, string[] outputs)
    {
        var node = new ProtobufWriter();
        foreach (var i in inputs) node.String(1, i);
        foreach (var o in outputs) node.String(2, o);
        return node.String(3, op + "_" + outputs[0]).String(4, op);
    }

    internal static ProtobufWriter FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtobufWriter();
        foreach (var d in dims) tensor.Varint(1, d);
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return tensor.Varint(2, 1).String(8, name).Bytes(9, raw);
    }

    // ValueInfoProto{name, type{tensor_type{elem_type, shape{dim{dim_value | dim_param}}}}}
    internal static ProtobufWriter Value(string name, int elementType, object[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (var d in dims)
            shape.Message(1, d is string param ? new ProtobufWriter().String(2, param) : new ProtobufWriter().Varint(1, Convert.ToInt64(d)));
        var tensorType = new ProtobufWriter().Varint(1, elementType).Message(2, shape);
        return new ProtobufWriter().String(1, name).Message(2, new ProtobufWriter().Message(1, tensorType));
    }
}
