using System.Text;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;

namespace AgentFramework.Tests.Documents;

public class MarkdownReaderTests
{
    private const string Markdown = """
        # Guide

        Intro text.

        Setup
        -----

        Install it.

        ```bash
        # not a heading
        echo hi
        ```

        ### Deep ###

        Details.

        Usage
        =====

        Run it.
        """;

    [Fact]
    public void Atx_and_setext_headings_become_sections_with_paths_and_spans()
    {
        var content = new MarkdownReader().Read("guide.md", Encoding.UTF8.GetBytes(Markdown), TestContext.Current.CancellationToken);
        Assert.Equal(Markdown, content.Text);
        Assert.Equal(DocumentKind.Markdown, content.Kind);
        Assert.Equal(["Guide", "Setup", "Deep", "Usage"], content.Sections.Select(s => s.Title));
        Assert.Equal([1, 2, 3, 1], content.Sections.Select(s => s.Level));
        Assert.Equal(["Guide", "Guide > Setup", "Guide > Setup > Deep", "Usage"], content.Sections.Select(s => s.Path));

        var setup = content.Sections[1];
        Assert.StartsWith("Setup\n-----", content.Text[setup.Start..]);
        var usage = content.Sections[3];
        Assert.Equal(usage.Start, setup.End);                   // Setup runs until the next level-1 heading
        Assert.Equal(usage.Start, content.Sections[0].End);
        Assert.Equal(content.Text.Length, usage.End);
        Assert.StartsWith("### Deep", content.Text[content.Sections[2].Start..]);
    }

    [Fact]
    public void Lines_in_fenced_code_and_list_items_are_not_headings()
    {
        var headings = MarkdownReader.FindHeadings("```\n# comment\n```\n- item\n---\n~~~\nTitle\n===\n~~~\n");
        Assert.Empty(headings);
    }
}
