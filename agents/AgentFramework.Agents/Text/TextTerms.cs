namespace AgentFramework.Agents.Text;

/// <summary>Lower-cased word terms of a text without English stop words: the vocabulary of BM25 and the hashing embedding.</summary>
public static class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a","an","and","are","as","at","be","been","but","by","for","from","had","has","have","he","her","him","his","i","if","in",
        "into","is","it","its","me","my","no","not","of","on","or","our","she","so","that","the","their","them","then","there",
        "these","they","this","those","to","upon","was","we","were","what","when","where","which","who","whom","why","will","with",
        "would","you","your","all","any","can","could","did","do","does","how","than","too","very","one","some","such","out","up",
        "now","only","own","same","should","us","yet","ye","thee","thou","thy","s","t","about","after","again","also",
    };

    public static IEnumerable<string> Of(ReadOnlySpan<char> text)
    {
        var terms = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1])))) i++;
            if (i > start)
            {
                var word = text[start..i].ToString().ToLowerInvariant();
                int apostrophe = word.IndexOfAny(['\'', '’']);
                if (apostrophe > 0) word = word[..apostrophe];
                if (!StopWords.Contains(word)) terms.Add(word);
            }
        }
        return terms;
    }

    /// <summary>Whitespace-separated words (for word budgets).</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        int count = 0; bool inWord = false;
        foreach (var c in text) { bool w = !IsWhiteSpace(c); if (w && !inWord) count++; inWord = w; }
        return count;
    }

    // char.IsWhiteSpace with ASCII decided here: precompiled code calls into the framework per character otherwise (issue 15).
    private static bool IsWhiteSpace(char c) =>
        c < 0x80 ? c == ' ' || (uint)(c - '\t') <= '\r' - '\t' : char.IsWhiteSpace(c);
}
