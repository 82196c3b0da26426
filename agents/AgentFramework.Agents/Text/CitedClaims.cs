using System.Text;

namespace AgentFramework.Agents.Text;

/// <summary>A label a model cited and the claim it cited it for (the sentence carrying the label, labels removed).</summary>
public readonly record struct CitedClaim(int Label, string Claim);

/// <summary>
/// Pairs each citation label in model output with the sentence it supports. Sentences are split per line (units are
/// often bullet lists). A label that opens a sentence in mid-line ("… white. [C2] Ahab …") belongs to the sentence
/// before it; one that opens a line ("[C2] Ahab …" or "- [C2] …") to its own; a label standing alone takes the nearest
/// sentence before it that has words.
/// </summary>
public static class CitedClaims
{
    private sealed record Segment(int Start, int End, bool OpensLine, string Claim);

    public static IReadOnlyList<CitedClaim> Find(string text, char prefix)
    {
        var markers = CitationMarkers.Occurrences(text, prefix);
        if (markers.Count == 0) return [];
        var segments = Segments(text, markers);
        var result = new List<CitedClaim>();
        foreach (var marker in markers)
        {
            int s = segments.FindLastIndex(g => g.Start <= marker.Index);
            if (s < 0) s = 0;
            if (s > 0 && !segments[s].OpensLine && !HasWords(Strip(text, segments[s].Start, marker.Index, markers))) s--;
            while (s > 0 && !HasWords(segments[s].Claim)) s--;
            string claim = segments.Count > 0 ? segments[s].Claim : "";
            foreach (int label in marker.Labels)
                if (!result.Contains(new CitedClaim(label, claim))) result.Add(new CitedClaim(label, claim));
        }
        return result;
    }

    private static List<Segment> Segments(string text, IReadOnlyList<CitationMarker> markers)
    {
        var segments = new List<Segment>();
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            bool opensLine = true;
            foreach (var span in SentenceSplitter.Split(text, lineStart, lineEnd))
            {
                var claim = Strip(text, span.Start, span.End, markers);
                segments.Add(new Segment(span.Start, span.End, opensLine, claim));
                // "1." or "-" before a sentence is a list marker: the sentence after it still opens the line.
                opensLine &= !HasWords(claim) || !claim.Any(char.IsLetter);
            }
            lineStart = lineEnd + 1;
        }
        return segments;
    }

    // The text of [start, end) without the citation brackets in it.
    private static string Strip(string text, int start, int end, IReadOnlyList<CitationMarker> markers)
    {
        var kept = new StringBuilder();
        int at = start;
        foreach (var m in markers)
        {
            if (m.End <= start || m.Index >= end) continue;
            if (m.Index > at) kept.Append(text, at, m.Index - at);
            at = Math.Max(at, m.End);
        }
        if (end > at) kept.Append(text, at, end - at);
        return kept.ToString().Trim();
    }

    private static bool HasWords(string text) => TextTerms.Of(text).Any();
}
