using System.Text;

namespace AgentFramework.Plugins.Native;

/// <summary>A passage found in a source text: the exact source span [Start, End) and the source text there.</summary>
public readonly record struct GroundedSpan(int Start, int End, string Quote);

/// <summary>
/// Checks that a passage a model says it copied really occurs in the source, ignoring case and differences in
/// whitespace, and maps the match back to the exact span of the source (so the citation quotes the source, not the
/// model). This is the guard against "hallucinated retrieved facts" (ALR²).
/// </summary>
public static class PassageGrounder
{
    /// <summary>The source span of <paramref name="passage"/>, or null when it does not occur in <paramref name="source"/>.</summary>
    public static GroundedSpan? Locate(string source, string passage)
    {
        var (needle, _) = Normalize(passage);
        if (needle.Length == 0) return null;
        var (haystack, map) = Normalize(source);
        int at = haystack.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0) return null;
        int start = map[at], end = map[at + needle.Length - 1] + 1;
        return new GroundedSpan(start, end, source[start..end]);
    }

    /// <summary>
    /// Lower-cases and collapses every whitespace run to one space (trimmed at both ends); <c>map[i]</c> is the index in
    /// <paramref name="text"/> of normalised character i.
    /// </summary>
    internal static (string Normalized, int[] Map) Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        bool pendingSpace = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { pendingSpace = builder.Length > 0; continue; }
            if (pendingSpace) { builder.Append(' '); map.Add(i - 1); pendingSpace = false; }
            builder.Append(char.ToLowerInvariant(c));
            map.Add(i);
        }
        return (builder.ToString(), map.ToArray());
    }
}
