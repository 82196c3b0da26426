using System.Runtime.InteropServices;

namespace AgentFramework.Onnx;

/// <summary>
/// What ONNX Runtime 1.32's CUDA execution provider loads (Microsoft.ML.OnnxRuntime.Gpu.Linux): the NVIDIA driver,
/// CUDA 13 (cudart, cublas, cublasLt, curand, cufft) and cuDNN 9. Probed so a failure names what is missing.
/// </summary>
internal static class CudaLibraries
{
    public const string Requirement = "an NVIDIA driver, CUDA 13 (cudart, cublas, curand) and cuDNN 9";

    private static readonly (string Library, string What)[] Needed =
    [
        ("libcuda.so.1", "the NVIDIA driver (libcuda.so.1)"),
        ("libcudart.so.13", "CUDA 13 runtime (libcudart.so.13)"),
        ("libcublas.so.13", "CUDA 13 cuBLAS (libcublas.so.13)"),
        ("libcublasLt.so.13", "CUDA 13 cuBLASLt (libcublasLt.so.13)"),
        ("libcurand.so.10", "CUDA 13 cuRAND (libcurand.so.10)"),
        ("libcudnn.so.9", "cuDNN 9 (libcudnn.so.9)"),
    ];

    /// <summary>The libraries the dynamic loader cannot find, described for the user.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        foreach (var (library, what) in Needed)
        {
            if (NativeLibrary.TryLoad(library, out var handle)) NativeLibrary.Free(handle);
            else missing.Add(what);
        }
        return missing;
    }
}
