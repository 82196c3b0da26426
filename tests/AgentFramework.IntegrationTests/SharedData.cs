namespace AgentFramework.IntegrationTests;

/// <summary>
/// Locates ../shared (beside the checkout) for tests that need benchmark data or the tiny ONNX exports.
/// Tests call <see cref="RequireDirectory"/>, which skips the test with a reason when the folder is absent.
/// </summary>
public static class SharedData
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("AGENTFW_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }
        return null;
    }

    /// <summary>Full path of <paramref name="relative"/> under ../shared, or skips the test when it is absent.</summary>
    public static string RequireDirectory(string relative)
    {
        var path = Root is null ? null : Path.Combine(Root, relative);
        Assert.SkipWhen(path is null || !Directory.Exists(path), $"../shared/{relative} is absent (set AGENTFW_SHARED_DIR or place shared/ beside the checkout)");
        return path!;
    }

    /// <summary>Full path of a file under ../shared, or skips the test when it is absent.</summary>
    public static string RequireFile(string relative)
    {
        var path = Root is null ? null : Path.Combine(Root, relative);
        Assert.SkipWhen(path is null || !File.Exists(path), $"../shared/{relative} is absent (set AGENTFW_SHARED_DIR or place shared/ beside the checkout)");
        return path!;
    }

    public static string TinyLlama => RequireDirectory("data/onnx-tiny-models/tiny-random-LlamaForCausalLM-fp16");
    public static string TinyGpt2 => RequireDirectory("data/onnx-tiny-models/tiny-random-gpt2-fp32");
}
