namespace AgentFramework.Retrieval;

/// <summary>
/// Turns untrusted query text into lexical queries that can only ever mean "any of these words". Every word is a
/// run of letters/digits, and for FTS5 it is also double-quoted, so operators (AND, NEAR, *, ^, column filters,
/// quotes) in user or document text are matched as plain words, never interpreted.
/// </summary>
internal static class LexicalQuery
{
    /// <summary>
    /// Distinct words of the query, in order, at most <paramref name="maxTerms"/>; stop words are dropped unless the
    /// query has nothing else (their huge posting lists make an OR query slow and add almost nothing to BM25).
    /// </summary>
    public static IReadOnlyList<string> Terms(string text, int maxTerms = 64)
    {
        var words = WordTokenizer.Words(text).Distinct(StringComparer.Ordinal).ToList();
        var content = words.Where(w => !StopWords.Contains(w)).ToList();
        return (content.Count > 0 ? content : words).Take(maxTerms).ToList();
    }

    /// <summary>An FTS5 MATCH expression ORing the quoted terms, or null when the query has no words.</summary>
    public static string? ToFts5(string text)
    {
        var terms = Terms(text);
        if (terms.Count == 0) return null;
        return string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    /// <summary>Input for PostgreSQL's websearch_to_tsquery: the words joined by "or" (it never raises on any input).</summary>
    public static string? ToWebSearch(string text)
    {
        var terms = Terms(text).Where(t => t != "or").ToList();
        return terms.Count == 0 ? null : string.Join(" or ", terms);
    }
}
