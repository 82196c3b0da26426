using AgentFramework.Onnx.Tokenization;

namespace AgentFramework.Tests.Onnx.BuilderFixtures;

/// <summary>
/// A tiny ONNX graph writer on the wire format (onnx.proto field numbers): nodes, initializers, inputs/outputs and
/// If subgraphs. Enough to emit the onnxruntime-genai model builder's decoder structure without Python or protoc.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    public const int Float = 1, UInt8 = 2, Int32 = 6, Int64 = 7, Bool = 9;

    private readonly ProtobufWriter _nodes = new();
    private readonly ProtobufWriter _initializers = new();
    private readonly ProtobufWriter _inputs = new();
    private readonly ProtobufWriter _outputs = new();
    private readonly HashSet<string> _constants = [];
    private int _nodeCount;

    /// <summary>Adds a node; attributes are (name, value) with value int/long, float, string, int[]/long[], OnnxGraph or TensorBytes.</summary>
    public string[] Node(string op, string?[] inputs, string[] outputs, string domain = "", params (string Name, object Value)[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (var i in inputs) node.String(1, i ?? "");
        foreach (var o in outputs) node.String(2, o);
        node.String(3, $"/{op}_{_nodeCount++}").String(4, op);
        foreach (var (attrName, value) in attributes) node.Message(5, Attribute(attrName, value));
        if (domain.Length > 0) node.String(7, domain);
        _nodes.Message(1, node);
        return outputs;
    }

    public string Node1(string op, string?[] inputs, string output, string domain = "", params (string, object)[] attributes) =>
        Node(op, inputs, [output], domain, attributes)[0];

    public string Initializer(string tensorName, int dataType, long[] dims, byte[] raw)
    {
        _initializers.Message(5, Tensor(tensorName, dataType, dims, raw));
        return tensorName;
    }

    public string FloatInitializer(string tensorName, long[] dims, float[] values) =>
        Initializer(tensorName, Float, dims, FloatBytes(values));

    /// <summary>The builder's shared "/model/constants/INT64/..." Constant nodes (make_constant), written once.</summary>
    public string Int64Constant(long[] values, bool scalar = false)
    {
        var n = $"/model/constants/INT64/{(scalar ? "" : "[")}{string.Join(", ", values)}{(scalar ? "" : "]")}";
        if (_constants.Add(n))
            Node("Constant", [], [n], "", ("value", new TensorBytes(Int64, scalar ? [] : [values.Length], values.SelectMany(BitConverter.GetBytes).ToArray())));
        return n;
    }

    public void Input(string valueName, int elementType, params object[] dims) => _inputs.Message(11, Value(valueName, elementType, dims));

    public void Output(string valueName, int elementType, params object[] dims) => _outputs.Message(12, Value(valueName, elementType, dims));

    public ProtobufWriter ToGraphProto()
    {
        var graph = new ProtobufWriter().Raw(_nodes.ToArray()).String(2, name).Raw(_initializers.ToArray());
        return graph.Raw(_inputs.ToArray()).Raw(_outputs.ToArray());
    }

    /// <summary>ModelProto with IR 10, opset 21 and com.microsoft 1, as the builder emits.</summary>
    public byte[] ToModel() => new ProtobufWriter()
        .Varint(1, 10)
        .String(2, "agentfw-builder-fixture")
        .Message(7, ToGraphProto())
        .Message(8, new ProtobufWriter().String(1, "").Varint(2, 21))
        .Message(8, new ProtobufWriter().String(1, "com.microsoft").Varint(2, 1))
        .ToArray();

    public static byte[] FloatBytes(float[] values)
    {
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return raw;
    }

    public static ProtobufWriter Tensor(string tensorName, int dataType, long[] dims, byte[] raw)
    {
        var tensor = new ProtobufWriter();
        foreach (var d in dims) tensor.Varint(1, d);
        return tensor.Varint(2, dataType).String(8, tensorName).Bytes(9, raw);
    }

    /// <summary>A tensor-valued attribute (Constant's value).</summary>
    public sealed record TensorBytes(int DataType, long[] Dims, byte[] Raw);

    private static ProtobufWriter Attribute(string attrName, object value)
    {
        var a = new ProtobufWriter().String(1, attrName);
        switch (value)
        {
            case int i: return a.Varint(3, i).Varint(20, 2);
            case long l: return a.Varint(3, l).Varint(20, 2);
            case float f: return a.Float(2, f).Varint(20, 1);
            case string s: return a.String(4, s).Varint(20, 3);
            case long[] ints: foreach (var v in ints) a.Varint(8, v); return a.Varint(20, 7);
            case OnnxGraph g: return a.Message(6, g.ToGraphProto()).Varint(20, 5);
            case TensorBytes t: return a.Message(5, Tensor("", t.DataType, t.Dims, t.Raw)).Varint(20, 4);
            default: throw new ArgumentException($"unsupported attribute type {value.GetType()}");
        }
    }

    // ValueInfoProto{name, type{tensor_type{elem_type, shape{dim{dim_value | dim_param}}}}}
    private static ProtobufWriter Value(string valueName, int elementType, object[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (var d in dims)
            shape.Message(1, d is string param ? new ProtobufWriter().String(2, param) : new ProtobufWriter().Varint(1, Convert.ToInt64(d)));
        var tensorType = new ProtobufWriter().Varint(1, elementType).Message(2, shape);
        return new ProtobufWriter().String(1, valueName).Message(2, new ProtobufWriter().Message(1, tensorType));
    }
}
