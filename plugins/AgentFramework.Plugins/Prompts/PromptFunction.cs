using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Prompts;

/// <summary>
/// One prompt function of the library, loaded and parsed once: its SK configuration (description, execution settings,
/// variables), its message template, and a <see cref="KernelFunction"/> that renders the messages and calls the
/// kernel's <see cref="IChatClient"/> with them as data (never through SK's re-parsing of rendered markup).
/// </summary>
public sealed class PromptFunction
{
    private readonly Lazy<KernelFunction> _function;

    public PromptFunction(string pipeline, string function, PromptTemplateConfig config, ChatPromptTemplate template)
    {
        Pipeline = pipeline;
        Name = function;
        Config = config;
        Template = template;
        _function = new Lazy<KernelFunction>(CreateKernelFunction);
    }

    public string Pipeline { get; }

    public string Name { get; }

    public PromptTemplateConfig Config { get; }

    public ChatPromptTemplate Template { get; }

    /// <summary>The function as a kernel function (created once); its result is the model's text.</summary>
    public KernelFunction KernelFunction => _function.Value;

    /// <summary>The function's default execution settings as chat options, with <paramref name="maxOutputTokens"/> set.</summary>
    public ChatOptions CreateOptions(int? maxOutputTokens)
    {
        var options = new ChatOptions { Temperature = 0 };
        if (Config.DefaultExecutionSettings?.ExtensionData is { } defaults)
            foreach (var (key, value) in defaults) Apply(options, key, value);
        if (maxOutputTokens is { } max) options.MaxOutputTokens = max;
        return options;
    }

    private static void Apply(ChatOptions options, string key, object? value)
    {
        switch (key)
        {
            case "max_tokens": options.MaxOutputTokens = ToInt(value); break;
            case "temperature": options.Temperature = (float?)ToDouble(value); break;
            case "top_p": options.TopP = (float?)ToDouble(value); break;
            case "top_k": options.TopK = ToInt(value); break;
            case "seed": options.Seed = ToInt(value); break;
            case "frequency_penalty": options.FrequencyPenalty = (float?)ToDouble(value); break;
            case "presence_penalty": options.PresencePenalty = (float?)ToDouble(value); break;
            case "stop_sequences" or "stop" when value is JsonElement { ValueKind: JsonValueKind.Array } array:
                options.StopSequences = array.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0).ToList();
                break;
            default:
                (options.AdditionalProperties ??= [])[key] = value;
                break;
        }
    }

    private static int? ToInt(object? value) => ToDouble(value) is { } d ? (int)d : null;

    private static double? ToDouble(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.String } e => double.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    private KernelFunction CreateKernelFunction() => KernelFunctionFactory.CreateFromMethod(
        async (Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken) =>
        {
            var variables = arguments.Where(a => a.Value is not null)
                .ToDictionary(a => a.Key, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
            var messages = await Template.RenderAsync(kernel, variables, cancellationToken).ConfigureAwait(false);
            var chat = kernel.GetRequiredService<IChatClient>();
            var response = await chat.GetResponseAsync(messages, CreateOptions(null), cancellationToken).ConfigureAwait(false);
            return response.Text;
        },
        functionName: Name, description: Config.Description);
}
