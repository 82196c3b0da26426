using System.CommandLine;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>Options every command accepts (recursive on the root command).</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Model = new("--model")
    {
        Description = "Local ONNX Runtime GenAI model folder (or AGENTFW_MODEL, or \"model\" in agentfw.json)",
        Recursive = true,
    };

    public static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "OpenAI-compatible server base URL, e.g. http://127.0.0.1:8080/v1 (key from AGENTFW_API_KEY)",
        Recursive = true,
    };

    public static readonly Option<string?> ModelId = new("--model-id")
    {
        Description = "Model name to request from --endpoint (or AGENTFW_MODEL_ID)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one machine-readable JSON object on stdout",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "More detail on stderr, including stack traces of unexpected errors",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Model, Endpoint, ModelId, Json, Verbose];
}
