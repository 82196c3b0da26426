using Microsoft.ML.Tokenizers;

namespace AgentFramework.Tokens;

/// <summary>Token counters available without a model.</summary>
public static class TokenCounters
{
    /// <summary>
    /// OpenAI's cl100k_base, the default when no model tokenizer is given. Thread-safe, one instance. Its 100k-entry
    /// vocabulary loads on the first count, not when a default profile is built: commands that never count tokens (an
    /// extractive summary, --help) skip it (issue 15, start-up).
    /// </summary>
    public static ITokenCounter Cl100k { get; } = new DeferredTokenCounter("cl100k_base",
        () => new TokenizerTokenCounter(TiktokenTokenizer.CreateForEncoding("cl100k_base"), "cl100k_base"));

    /// <summary>The counter that does the counting: a deferred one's loaded tokenizer (loading it), others as given.</summary>
    internal static ITokenCounter Unwrap(ITokenCounter counter) => counter is DeferredTokenCounter deferred ? deferred.Inner : counter;

    private sealed class DeferredTokenCounter(string name, Func<ITokenCounter> create) : ITokenCounter
    {
        private readonly Lazy<ITokenCounter> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

        public ITokenCounter Inner => _inner.Value;

        public string Name { get; } = name;

        public int CountTokens(ReadOnlySpan<char> text) => _inner.Value.CountTokens(text);

        public int GetIndexByTokenCount(ReadOnlySpan<char> text, int maxTokens, out int tokenCount) =>
            _inner.Value.GetIndexByTokenCount(text, maxTokens, out tokenCount);
    }
}
