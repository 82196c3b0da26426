using AgentFramework.Agents.Text;
using AgentFramework.Agents;
using AgentFramework.Agents.Extractive;
using AgentFramework.Documents;
using AgentFramework.Tests.Documents;

namespace AgentFramework.Tests.Agents;

/// <summary>The no-model summary of source code: an outline cited file:line, never the loader's synthetic headers.</summary>
public sealed class CodebaseOutlineTests
{
    private static TempFolder Package()
    {
        var folder = new TempFolder();
        folder.Write("README.md", "# tidy\n\n![badge](x.svg)\n\nTidy cleans up CSV files before they are loaded.\nIt keeps the header.\n\n## Use\n\nRun it.\n");
        folder.Write("tidy/__init__.py", "\"\"\"Cleaning helpers for CSV files. More text here.\"\"\"\n\nfrom .clean import clean\n");
        folder.Write("tidy/clean.py",
            "import csv\n\n\nclass Cleaner:\n    \"\"\"Removes empty rows from a table.\n\n    Details.\n    \"\"\"\n\n    def run(self):\n        pass\n\n\n" +
            "def clean(path):\n    \"\"\"Clean one file in place.\"\"\"\n    return Cleaner().run()\n\n\ndef _private():\n    pass\n\n\nif __name__ == \"__main__\":\n    clean('x')\n");
        folder.Write("src/Tool.cs",
            "namespace Tool;\n\n/// <summary>Reads <see cref=\"T:System.IO.File\"/> lines and counts them. Second sentence.</summary>\n" +
            "[Obsolete]\npublic static class LineCounter\n{\n    /// <summary>Nested helper.</summary>\n    public sealed class Nested { }\n}\n\n" +
            "internal sealed record Count(int Lines);\n");
        folder.Write("src/Program.cs", "using Tool;\n\nConsole.WriteLine(LineCounter.Name);\n");
        return folder;
    }

    [Fact]
    public async Task A_source_folder_is_summarised_as_a_cited_outline_of_files_and_declarations()
    {
        using var folder = Package();
        var document = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var agent = AgentTestHost.Create(null);

        var result = await agent.SummarizeAsync([document], PipelineNames.Extractive, new PipelineRunOptions { SummaryWords = 400 }, cancellationToken: TestContext.Current.CancellationToken);
        var lines = result.Text.Split('\n');

        Assert.Contains(lines, l => l.StartsWith("README: Tidy cleans up CSV files before they are loaded. It keeps the header. (README.md:5)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Entry point: tidy/clean.py (if __name__ == \"__main__\") (tidy/clean.py:23)"));
        Assert.Contains(lines, l => l.Contains("Entry point: src/Program.cs (top-level statements) (src/Program.cs:3)"));
        Assert.Contains(lines, l => l.Contains("__init__.py — python, 3 lines: Cleaning helpers for CSV files. (tidy/__init__.py:1)"));
        Assert.Contains(lines, l => l.Contains("class Cleaner — Removes empty rows from a table. (tidy/clean.py:4)"));
        Assert.Contains(lines, l => l.Contains("def clean — Clean one file in place. (tidy/clean.py:14)"));
        Assert.Contains(lines, l => l.Contains("class LineCounter — Reads File lines and counts them. (src/Tool.cs:5)"));
        Assert.Contains(lines, l => l.Contains("record Count (src/Tool.cs:11)"));
        Assert.DoesNotContain("_private", result.Text);                          // private by convention
        Assert.DoesNotContain("Nested", result.Text);                            // members are not top level
        Assert.DoesNotContain("===", result.Text);                               // the loader's headers are not source text
        // Every line is cited to file:line, and each citation quotes that very line of the file.
        Assert.All(lines, l => Assert.Matches(@"\([\w./]+:\d+\)$", l));
        Assert.Equal(lines.Length, result.Citations.Count);
        Assert.All(result.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
        Assert.All(result.Citations, c => Assert.DoesNotContain("===", c.Quote));
        var cleaner = result.Citations.Single(c => c.Quote == "class Cleaner:");
        Assert.Equal(("tidy/clean.py", 4), (document.SourceMap.Locate(cleaner.Start).File, document.SourceMap.Locate(cleaner.Start).Line));
    }

    [Fact]
    public async Task The_outline_keeps_to_the_word_budget_by_rank_and_says_what_it_left_out()
    {
        using var folder = Package();
        var document = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var agent = AgentTestHost.Create(null);

        var result = await agent.SummarizeAsync([document], PipelineNames.Extractive, new PipelineRunOptions { SummaryWords = 60 }, cancellationToken: TestContext.Current.CancellationToken);
        var outline = result.Text.Split('\n');

        Assert.True(TextTerms.CountWords(string.Join('\n', outline[..^1])) <= 60 + outline.Length, result.Text);
        Assert.StartsWith("…", outline[^1]);
        Assert.Contains("left out to stay within 60 words", outline[^1]);
        Assert.Contains(outline, l => l.StartsWith("README:", StringComparison.Ordinal)); // the overview is kept first
    }

    [Fact]
    public async Task Prose_folders_never_quote_headers_and_a_repeated_sentence_is_summarised_once()
    {
        using var folder = new TempFolder();
        const string repeated = "This file is part of the whaling archive and is shared under the same terms.";
        folder.Write("a.txt", repeated + "\n\nThe whale surfaced near the ship at dawn and the crew rowed out to meet it.\n");
        folder.Write("b.txt", repeated + "\n\nThe captain kept a careful log of every whale the crew sighted that winter.\n");
        folder.Write("c.txt", repeated + "\n\nThe harbour froze in January and the ships waited for the spring thaw to sail.\n");
        var document = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var agent = AgentTestHost.Create(null);

        var result = await agent.SummarizeAsync([document], PipelineNames.Extractive, new PipelineRunOptions { SummaryWords = 200 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, CountOf(result.Text, repeated));
        Assert.DoesNotContain("===", result.Text);
        Assert.All(result.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
        Assert.True(result.Trace.Counters["repeated_sentences_skipped"] >= 2);
    }

    [Theory]
    [InlineData("/// <summary>Loads <c>genai_config.json</c>, e.g. for Phi-3. Then more.</summary>", "Loads genai_config.json, e.g. for Phi-3.")]
    [InlineData("/// <summary>Uses <paramref name=\"folder\"/> and <see cref=\"IEmbeddingGenerator{TInput,TEmbedding}\"/>.</summary>", "Uses folder and IEmbeddingGenerator.")]
    [InlineData("// Package tidy cleans files", "Package tidy cleans files")]
    public void Doc_comments_reduce_to_their_first_sentence(string comment, string expected)
    {
        Assert.Equal(expected, DocComments.Above([comment, "public class X { }"], 1));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
