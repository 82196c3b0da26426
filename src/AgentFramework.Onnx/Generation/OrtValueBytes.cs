using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentFramework.Onnx.Generation;

/// <summary>Raw byte views of fp16/fp32 tensors (ORT checks the element type of typed spans).</summary>
internal static class OrtValueBytes
{
    public static ReadOnlySpan<byte> Read(OrtValue value, TensorElementType type) => type switch
    {
        TensorElementType.Float16 => MemoryMarshal.AsBytes(value.GetTensorDataAsSpan<Float16>()),
        TensorElementType.Float => MemoryMarshal.AsBytes(value.GetTensorDataAsSpan<float>()),
        TensorElementType.BFloat16 => MemoryMarshal.AsBytes(value.GetTensorDataAsSpan<BFloat16>()),
        _ => throw new NotSupportedException($"KV cache element type {type} is not supported"),
    };

    public static Span<byte> Write(OrtValue value, TensorElementType type) => type switch
    {
        TensorElementType.Float16 => MemoryMarshal.AsBytes(value.GetTensorMutableDataAsSpan<Float16>()),
        TensorElementType.Float => MemoryMarshal.AsBytes(value.GetTensorMutableDataAsSpan<float>()),
        TensorElementType.BFloat16 => MemoryMarshal.AsBytes(value.GetTensorMutableDataAsSpan<BFloat16>()),
        _ => throw new NotSupportedException($"KV cache element type {type} is not supported"),
    };
}
