using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AgentFramework.Evaluation.Reports;

/// <summary>JSON settings for report files: snake_case like the CLI's --json, non-ASCII kept readable.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Line { get; } = Create(indented: false);
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    // The resolver is explicit so reports also serialise in hosts that turn reflection-based defaults off (trimmed apps).
    private static JsonSerializerOptions Create(bool indented) => new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
