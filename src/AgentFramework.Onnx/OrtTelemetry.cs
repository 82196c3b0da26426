using System.Runtime.InteropServices;

namespace AgentFramework.Onnx;

/// <summary>
/// ONNX Runtime's telemetry is on by default, also in the CPU build: creating the first session writes a device id and
/// a database under ~/.cache/Microsoft/DeveloperTools/.onnxruntime/. We switch it off before ONNX Runtime (ours or
/// GenAI's, which shares the library) is first touched, unless the user opts in with AGENTFW_ORT_TELEMETRY=1.
/// <c>OrtEnv.DisableTelemetryEvents</c> is too late: the files are written when the environment is created, so the
/// native environment variable ORT_DISABLE_TELEMETRY=1 must be set first (measured with ORT 1.32.0, deps.md).
/// </summary>
internal static class OrtTelemetry
{
    public const string OptInVariable = "AGENTFW_ORT_TELEMETRY";

    private static readonly Lock Gate = new();
    private static bool _applied;

    /// <summary>Whether ONNX Runtime telemetry is left on (the user set AGENTFW_ORT_TELEMETRY=1).</summary>
    public static bool OptedIn => Environment.GetEnvironmentVariable(OptInVariable) is "1" or "true";

    /// <summary>Sets ORT_DISABLE_TELEMETRY=1 in the native environment once, before any ONNX Runtime environment exists.</summary>
    public static void DisableUnlessOptedIn()
    {
        lock (Gate)
        {
            if (_applied) return;
            _applied = true;
            if (OptedIn || Environment.GetEnvironmentVariable("ORT_DISABLE_TELEMETRY") is { Length: > 0 }) return;
            // .NET keeps its own copy of the environment on Unix and the native library reads the C runtime's, so set
            // that one (child processes, built from .NET's copy, keep the user's choice).
            if (OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
            else _ = SetEnv("ORT_DISABLE_TELEMETRY", "1", 0);
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
