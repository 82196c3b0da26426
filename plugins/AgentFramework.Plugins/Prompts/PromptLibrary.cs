using System.Collections.Concurrent;
using System.Reflection;
using AgentFramework.Errors;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Prompts;

/// <summary>
/// The prompt functions of the pipelines, read from Prompts/&lt;Pipeline&gt;/&lt;Function&gt;/ (skprompt.txt + config.json).
/// The copies embedded in this assembly are the defaults; a folder given as <see cref="OverrideDirectory"/> (the CLI's
/// --prompts DIR) replaces any function it holds with the same layout, so prompts can be tuned without a rebuild.
/// Each function's messages are parsed from the template text once (<see cref="ChatPromptTemplate"/>) and its values are
/// inserted verbatim into message contents afterwards, so document text can never become template code, markup or a
/// chat message. Loaded functions are cached per (pipeline, function).
/// </summary>
public sealed class PromptLibrary
{
    private const string ResourcePrefix = "AgentFramework.Plugins.Prompts.";
    private static readonly Assembly ResourceAssembly = typeof(PromptLibrary).Assembly;
    private readonly ConcurrentDictionary<string, PromptFunction> _functions = new(StringComparer.Ordinal);

    /// <param name="overrideDirectory">Folder laid out like Prompts/ whose functions win over the embedded ones; null for none.</param>
    public PromptLibrary(string? overrideDirectory = null)
    {
        if (overrideDirectory is not null && !Directory.Exists(overrideDirectory))
            throw new InvalidOptionException("AgentFrameworkOptions.PromptsDirectory", $"AgentFrameworkOptions.PromptsDirectory folder '{overrideDirectory}' does not exist: give a folder laid out as <Pipeline>/<Function>/skprompt.txt");
        OverrideDirectory = overrideDirectory;
    }

    public string? OverrideDirectory { get; }

    /// <summary>Names ("Pipeline/Function") of all embedded prompt functions.</summary>
    public static IReadOnlyList<string> EmbeddedFunctions { get; } = ResourceAssembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".skprompt.txt", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".skprompt.txt".Length].Replace('.', '/'))
        .Order(StringComparer.Ordinal).ToArray();

    /// <summary>The prompt template configuration (template text, execution settings, variables) of one function.</summary>
    public PromptTemplateConfig GetConfig(string pipeline, string function) => Get(pipeline, function).Config;

    /// <summary>The loaded prompt function (configuration, parsed messages, kernel function), loaded once.</summary>
    public PromptFunction Get(string pipeline, string function) =>
        _functions.GetOrAdd($"{pipeline}/{function}", _ => Load(pipeline, function));

    /// <summary>A kernel function for <paramref name="pipeline"/>/<paramref name="function"/>, named after the function (cached).</summary>
    public KernelFunction CreateFunction(string pipeline, string function) => Get(pipeline, function).KernelFunction;

    private PromptFunction Load(string pipeline, string function)
    {
        var read = ReadFromOverride(pipeline, function);
        bool overridden = read is not null;
        var (template, configJson, source) = read ?? ReadEmbedded(pipeline, function);
        PromptTemplateConfig config;
        try
        {
            config = string.IsNullOrWhiteSpace(configJson) ? new PromptTemplateConfig() : PromptTemplateConfig.FromJson(configJson);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidOptionException("AgentFrameworkOptions.PromptsDirectory", $"{source}/config.json is not a valid prompt configuration: {e.Message}");
        }
        config.Name ??= function;
        config.Template = template;
        config.TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat;
        // Our rendering never reads these flags (values go verbatim into fixed messages); they keep the config safe for
        // anyone who builds SK's own markup-parsing prompt function from it.
        config.AllowDangerouslySetContent = false;
        foreach (var variable in config.InputVariables) variable.AllowDangerouslySetContent = false;
        // A malformed override is the user's to fix; a malformed embedded prompt is our bug.
        Func<string, Exception> fail = overridden ? message => new InvalidOptionException("AgentFrameworkOptions.PromptsDirectory", message) : message => new InvalidOperationException(message);
        return new PromptFunction(pipeline, function, config, ChatPromptTemplate.Parse(template, source, fail, config.InputVariables));
    }

    private (string Template, string? Config, string Source)? ReadFromOverride(string pipeline, string function)
    {
        if (OverrideDirectory is null) return null;
        var folder = Path.Combine(OverrideDirectory, pipeline, function);
        var promptFile = Path.Combine(folder, "skprompt.txt");
        if (!File.Exists(promptFile)) return null;
        var configFile = Path.Combine(folder, "config.json");
        return (File.ReadAllText(promptFile), File.Exists(configFile) ? File.ReadAllText(configFile) : ReadEmbeddedText(pipeline, function, "config.json"), folder);
    }

    private static (string Template, string? Config, string Source) ReadEmbedded(string pipeline, string function)
    {
        var template = ReadEmbeddedText(pipeline, function, "skprompt.txt")
            ?? throw new InvalidOperationException($"No embedded prompt function {pipeline}/{function}; embedded: {string.Join(", ", EmbeddedFunctions)}");
        return (template, ReadEmbeddedText(pipeline, function, "config.json"), $"Prompts/{pipeline}/{function}");
    }

    private static string? ReadEmbeddedText(string pipeline, string function, string file)
    {
        using var stream = ResourceAssembly.GetManifestResourceStream($"{ResourcePrefix}{pipeline}.{function}.{file}");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
