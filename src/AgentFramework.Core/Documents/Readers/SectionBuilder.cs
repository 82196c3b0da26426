namespace AgentFramework.Documents.Readers;

/// <summary>A heading found by a reader: its title, level (1 = outermost) and where it starts in the text.</summary>
public readonly record struct Heading(string Title, int Level, int Start);

/// <summary>
/// Turns headings into sections: a section runs from its heading to the next heading of the same or a higher
/// level (or the end of the text), and its path lists the enclosing headings' titles.
/// </summary>
public static class SectionBuilder
{
    public const string PathSeparator = " > ";

    public static IReadOnlyList<DocumentSection> Build(IReadOnlyList<Heading> headings, int textLength)
    {
        var sections = new List<DocumentSection>(headings.Count);
        var open = new List<Heading>(); // the chain of enclosing headings
        for (int i = 0; i < headings.Count; i++)
        {
            var h = headings[i];
            while (open.Count > 0 && open[^1].Level >= h.Level) open.RemoveAt(open.Count - 1);
            open.Add(h);
            int end = textLength;
            for (int j = i + 1; j < headings.Count; j++)
                if (headings[j].Level <= h.Level) { end = headings[j].Start; break; }
            sections.Add(new DocumentSection(h.Title, h.Level, h.Start, end, string.Join(PathSeparator, open.Select(o => o.Title))));
        }
        return sections;
    }
}
