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
    public static readonly int LongestLength = Longest();

    // The span lookup is a table of our own: HashSet's alternate lookup over ReadOnlySpan<char> is not in the framework's
    // ReadyToRun image, and the hashing embedding asks it about most words of a document (start-up, issue 15).
    private static readonly string?[] Table = BuildTable();

    /// <summary>True for a lower-cased stop word given as characters (no string allocated).</summary>
    public static bool Contains(ReadOnlySpan<char> word)
    {
        int mask = Table.Length - 1;
        for (int slot = Hash(word) & mask; Table[slot] is { } candidate; slot = (slot + 1) & mask)
            if (SameChars(candidate, word)) return true;
        return false;
    }

    private static int Longest()
    {
        int longest = 0;
        foreach (var word in Words) longest = Math.Max(longest, word.Length);
        return longest;
    }

    private static string?[] BuildTable()
    {
        var table = new string?[256]; // a power of two, at most a quarter full
        int mask = table.Length - 1;
        foreach (var word in Words)
        {
            int slot = Hash(word) & mask;
            while (table[slot] is not null) slot = (slot + 1) & mask;
            table[slot] = word;
        }
        return table;
    }

    // FNV-1a over the chars, folded so the low bits see the high ones.
    private static int Hash(ReadOnlySpan<char> word)
    {
        uint hash = 2166136261;
        foreach (char c in word) hash = (hash ^ c) * 16777619;
        return (int)(hash ^ (hash >> 16));
    }

    private static bool SameChars(string candidate, ReadOnlySpan<char> word)
    {
        if (candidate.Length != word.Length) return false;
        for (int i = 0; i < word.Length; i++)
            if (candidate[i] != word[i]) return false;
        return true;
    }
}
