namespace AgentFramework.Tokens;

/// <summary>
/// Counts tokens the way a specific model does. Budgets everywhere (chunk sizes, prompt fitting, truncation) are
/// measured with the model's own counter, never with characters or words.
/// </summary>
public interface ITokenCounter
{
    /// <summary>Reported in traces and benchmark reports, e.g. "cl100k_base" or the model folder's tokenizer.</summary>
    string Name { get; }

    int CountTokens(ReadOnlySpan<char> text);

    /// <summary>
    /// The length in characters of the longest prefix of <paramref name="text"/> that encodes to at most
    /// <paramref name="maxTokens"/> tokens; <paramref name="tokenCount"/> receives that prefix's count.
    /// </summary>
    int GetIndexByTokenCount(ReadOnlySpan<char> text, int maxTokens, out int tokenCount);
}
