namespace AgentFramework.Retrieval;

/// <summary>
/// Common English function words. They say little about what a passage is about, yet they dominate word counts and
/// have the longest posting lists, so the hashing embedding and lexical queries leave them out.
/// </summary>
public static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his", "i",
        "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "them", "they", "this", "to", "was",
        "were", "which", "will", "with", "we", "you", "our", "not", "been", "had", "so", "if", "do", "what", "there",
    };

    /// <summary>True for a lower-cased stop word.</summary>
    public static bool Contains(string word) => Words.Contains(word);

    /// <summary>The longest stop word's length: longer words need no lookup.</summary>
    public static readonly int LongestLength = Words.Max(w => w.Length);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True for a lower-cased stop word given as characters (no string allocated).</summary>
    public static bool Contains(ReadOnlySpan<char> word) => SpanLookup.Contains(word);
}
