using System.CommandLine;
using System.Text.Json;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Settings shared by all commands, resolved in order of precedence: command-line option, environment variable
/// (AGENTFW_MODEL, AGENTFW_ENDPOINT, AGENTFW_MODEL_ID, AGENTFW_API_KEY), then agentfw.json in the working folder.
/// </summary>
public sealed record CliSettings(
    string? Model,
    string? Endpoint,
    string? ModelId,
    string? ApiKey,
    bool Json,
    bool Verbose,
    IReadOnlyDictionary<string, JsonElement> ConfigFile)
{
    public const string ConfigFileName = "agentfw.json";

    /// <summary>True when neither a local model nor an endpoint is configured (commands fall back to embedded defaults).</summary>
    public bool HasNoModel => Model is null && Endpoint is null;

    public static CliSettings Resolve(ParseResult parse, string? workingDirectory = null)
    {
        var config = LoadConfigFile(workingDirectory ?? Environment.CurrentDirectory);
        string? Pick(Option<string?> option, string env, string key)
        {
            var fromCli = parse.GetValue(option);
            if (!string.IsNullOrWhiteSpace(fromCli)) return fromCli;
            var fromEnv = Environment.GetEnvironmentVariable(env);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
            return config.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }

        var model = Pick(GlobalOptions.Model, "AGENTFW_MODEL", "model");
        var endpoint = Pick(GlobalOptions.Endpoint, "AGENTFW_ENDPOINT", "endpoint");
        if (model is not null && endpoint is not null && parse.GetValue(GlobalOptions.Model) is not null && parse.GetValue(GlobalOptions.Endpoint) is not null)
            throw new InvalidOptionException("--model", "--model and --endpoint were both given: use a local model folder or an endpoint, not both");
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InvalidOptionException("--endpoint", $"--endpoint '{endpoint}' is not an absolute URL: give one like http://127.0.0.1:8080/v1");

        return new CliSettings(
            model,
            endpoint,
            Pick(GlobalOptions.ModelId, "AGENTFW_MODEL_ID", "model_id"),
            Environment.GetEnvironmentVariable("AGENTFW_API_KEY") is { Length: > 0 } key ? key : null,
            parse.GetValue(GlobalOptions.Json),
            parse.GetValue(GlobalOptions.Verbose),
            config);
    }

    private static IReadOnlyDictionary<string, JsonElement> LoadConfigFile(string directory)
    {
        var path = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(path)) return new Dictionary<string, JsonElement>();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidOptionException(path, $"{path}: expected a JSON object such as {{\"model\": \"path/to/model\"}}");
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException e)
        {
            throw new InvalidOptionException(path, $"{path}: not valid JSON ({e.Message}); fix or remove the file");
        }
    }
}
