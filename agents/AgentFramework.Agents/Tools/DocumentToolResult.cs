using System.Text.Json.Serialization;

namespace AgentFramework.Agents.Tools;

/// <summary>What a document tool returns to the calling agent: the text, the source spans behind it, and its cost.</summary>
/// <param name="Text">The answer, summary or written text (or, for <c>write_long_form</c> with an output file, where it went).</param>
/// <param name="Pipeline">The pipeline that produced it.</param>
/// <param name="Citations">Source spans: quote = document text at [start, end).</param>
/// <param name="ModelCalls">Model calls made (0 for the extractive pipeline).</param>
/// <param name="Error">Set instead of a result when the request could not be served (bad path, missing model, …).</param>
public sealed record DocumentToolResult(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("citations")] IReadOnlyList<DocumentToolCitation> Citations,
    [property: JsonPropertyName("model_calls")] int ModelCalls,
    [property: JsonPropertyName("error")] string? Error = null)
{
    internal static DocumentToolResult Failed(string pipeline, string error) => new("", pipeline, [], 0, error);
}

/// <summary>A citation as a tool result carries it.</summary>
public sealed record DocumentToolCitation(
    [property: JsonPropertyName("document")] string Document,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("quote")] string Quote);
