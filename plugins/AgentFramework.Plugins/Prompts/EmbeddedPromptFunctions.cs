using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Prompts;

/// <summary>
/// Semantic Kernel prompt functions from the prompt directories embedded in this assembly
/// (Prompts/&lt;Pipeline&gt;/&lt;Function&gt;/skprompt.txt + config.json). Templates wrap their text in
/// <c>&lt;message role="..."&gt;</c> tags: Semantic Kernel HTML-encodes variable values and decodes them only when it
/// parses such a chat prompt, so a document reaches the model byte for byte and its own tags stay plain text.
/// </summary>
public static class EmbeddedPromptFunctions
{
    private static readonly Assembly Assembly = typeof(EmbeddedPromptFunctions).Assembly;
    private static readonly ConcurrentDictionary<string, KernelFunction> Cache = new();

    /// <summary>The prompt function <paramref name="pipeline"/>/<paramref name="function"/>, loaded once.</summary>
    public static KernelFunction Get(string pipeline, string function) =>
        Cache.GetOrAdd($"{pipeline}/{function}", _ => Load(pipeline, function));

    /// <summary>
    /// Renders and runs a prompt function through the kernel's chat client with a hard cap on output tokens (greedy by
    /// default, so a re-run sends the same request and the call cache can replay it). Values are template variables only.
    /// </summary>
    public static async Task<string> InvokeAsync(Kernel kernel, string pipeline, string function,
        IReadOnlyDictionary<string, object?> variables, int maxOutputTokens, CancellationToken cancellationToken, double temperature = 0)
    {
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["max_tokens"] = Math.Max(1, maxOutputTokens), ["temperature"] = temperature },
        };
        var arguments = new KernelArguments(settings);
        foreach (var (name, value) in variables) arguments[name] = value;
        var result = await kernel.InvokeAsync(Get(pipeline, function), arguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<string>() ?? "";
    }

    /// <summary>The raw template text (for tests and documentation).</summary>
    public static string Template(string pipeline, string function) => ReadResource(pipeline, function, "skprompt.txt");

    private static KernelFunction Load(string pipeline, string function)
    {
        var config = PromptTemplateConfig.FromJson(ReadResource(pipeline, function, "config.json"));
        config.Name ??= function;
        config.Template = ReadResource(pipeline, function, "skprompt.txt");
        return KernelFunctionFactory.CreateFromPrompt(config);
    }

    private static string ReadResource(string pipeline, string function, string file)
    {
        var name = $"AgentFramework.Plugins.Prompts.{pipeline}.{function}.{file}";
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"prompt resource {name} is not embedded in {Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
