using Microsoft.ML.Tokenizers;

namespace AgentFramework.Tokens;

/// <summary>Token counters available without a model.</summary>
public static class TokenCounters
{
    private static readonly Lazy<TokenizerTokenCounter> Cl100kInstance =
        new(() => new TokenizerTokenCounter(TiktokenTokenizer.CreateForEncoding("cl100k_base"), "cl100k_base"));

    /// <summary>OpenAI's cl100k_base, the default when no model tokenizer is given. Thread-safe, created once.</summary>
    public static ITokenCounter Cl100k => Cl100kInstance.Value;
}
