using AgentFramework.Errors;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Onnx;

/// <summary>Session options for a device: CPU by default, CUDA when asked and the native library supports it.</summary>
internal static class ExecutionProviders
{
    public static SessionOptions Create(string device, int intraOpThreads, bool allowSpinning = true)
    {
        OrtTelemetry.DisableUnlessOptedIn();
        var options = new SessionOptions
        {
            // ALL: at BASIC/EXTENDED ORT re-casts fp16 weights to fp32 on every token (runtime-notes.md).
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, intraOpThreads),
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, // failures surface as exceptions with the message
        };
        // A prefill pool whose idle workers spin would steal the core a separate 1-thread decode session runs on.
        if (!allowSpinning) options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        switch (device.Trim().ToLowerInvariant())
        {
            case "cpu":
                break;
            case "cuda":
                var available = OrtEnv.Instance().GetAvailableProviders();
                if (!available.Contains("CUDAExecutionProvider"))
                {
                    options.Dispose();
                    throw new ModelException("OnnxModelOptions.Device", $"OnnxModelOptions.Device cuda: this ONNX Runtime native library has no CUDA support (providers: {string.Join(", ", available)}); build with -p:AgentFwCuda=true (Microsoft.ML.OnnxRuntime.Gpu.Linux) on a machine with {CudaLibraries.Requirement}, or use OnnxModelOptions.Device cpu");
                }
                // ONNX Runtime logs a failed provider load itself; the exception below says it in one line instead.
                OrtEnv.Instance().EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
                try { options.AppendExecutionProvider_CUDA(0); }
                catch (OnnxRuntimeException e)
                {
                    options.Dispose();
                    var missing = CudaLibraries.Missing();
                    throw new ModelException("OnnxModelOptions.Device", missing.Count > 0
                        ? $"OnnxModelOptions.Device cuda: the CUDA execution provider cannot start: missing {string.Join(", ", missing)} (it needs {CudaLibraries.Requirement}); use OnnxModelOptions.Device cpu"
                        : $"OnnxModelOptions.Device cuda: the CUDA execution provider failed to start ({e.Message.ReplaceLineEndings(" ")}); use OnnxModelOptions.Device cpu", e);
                }
                break;
            default:
                options.Dispose();
                throw new InvalidOptionException("OnnxModelOptions.Device", $"OnnxModelOptions.Device '{device}' is not supported: use cpu or cuda");
        }
        return options;
    }
}
