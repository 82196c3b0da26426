using AgentFramework.Documents;

namespace AgentFramework.Tests.Documents;

public class FolderDocumentReaderTests
{
    private static TempFolder SourceTree()
    {
        var folder = new TempFolder();
        folder.Write(".gitignore", "*.log\n/secrets/\ngenerated/\n");
        folder.Write("README.md", "# Tool\n\nWhat it does.\n");
        folder.Write("src/Program.cs", "namespace Tool;\n\npublic static class Program\n{\n    public static void Main() { }\n}\n");
        folder.Write("src/Util.py", "def helper():\n    return 1\n");
        folder.Write("src/.gitignore", "*.tmp\n!keep.tmp\n");
        folder.Write("src/scratch.tmp", "ignored by the nested .gitignore");
        folder.Write("src/keep.tmp", "re-included by the nested .gitignore");
        folder.Write("src/generated/Auto.cs", "// generated");
        folder.Write("debug.log", "ignored by pattern");
        folder.Write("secrets/key.txt", "ignored folder");
        folder.Write("bin/Debug/app.txt", "build output");
        folder.Write("obj/x.txt", "build output");
        folder.Write(".git/HEAD", "ref: refs/heads/main");
        folder.Write("sub/.git", "gitdir: /elsewhere/.git/worktrees/sub");
        folder.Write("node_modules/pkg/index.js", "module");
        folder.Write("image.png", [0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        folder.Write("docs/a.b.txt", "dots sort before slashes");
        return folder;
    }

    [Fact]
    public async Task Walks_in_ordinal_order_honouring_gitignore_and_skipping_build_binary_and_vcs_folders()
    {
        using var folder = SourceTree();
        var doc = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);

        Assert.Equal(DocumentKind.Collection, doc.Kind);
        // src/keep.tmp is text but of a type a single file is refused for, so the folder skips it too, and says so.
        Assert.Equal([".gitignore", "README.md", "docs/a.b.txt", "src/.gitignore", "src/Program.cs", "src/Util.py"],
            doc.Files.Select(f => f.RelativePath));
        Assert.Equal(["text", "markdown", "text", "text", "csharp", "python"], doc.Files.Select(f => f.Language));
        Assert.Contains(doc.Warnings, w => w.Contains("of unsupported types (") && w.Contains(".tmp"));
        foreach (var ignored in new[] { "gitdir:", "ignored by the nested", "// generated", "ignored by pattern", "ignored folder", "build output", "module", "PNG", "refs/heads" })
            Assert.DoesNotContain(ignored, doc.Text);
    }

    [Fact]
    public async Task Each_file_gets_a_header_line_a_span_and_line_numbers()
    {
        using var folder = SourceTree();
        var doc = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);

        var program = doc.Files.Single(f => f.RelativePath == "src/Program.cs");
        Assert.StartsWith("=== src/Program.cs ===\nnamespace Tool;", doc.Text[program.Start..]);
        Assert.Contains("public static void Main()", doc.Text[program.Start..program.End]);
        // Files tile the text in order.
        Assert.Equal(0, doc.Files[0].Start);
        for (int i = 1; i < doc.Files.Count; i++) Assert.Equal(doc.Files[i - 1].End, doc.Files[i].Start);
        Assert.Equal(doc.Text.Length, doc.Files[^1].End);

        var main = doc.SourceMap.Locate(doc.Text.IndexOf("public static void Main", StringComparison.Ordinal));
        Assert.Equal("src/Program.cs", main.File);
        Assert.Equal(5, main.Line);
        Assert.Equal(5, main.Column);

        // Markdown files keep their headings as sections, placed in the folder text.
        var section = Assert.Single(doc.Sections);
        Assert.Equal("Tool", section.Title);
        Assert.StartsWith("# Tool", doc.Text[section.Start..]);
    }

    [Fact]
    public async Task Files_over_the_limit_are_skipped_with_a_warning()
    {
        using var folder = new TempFolder();
        folder.Write("small.txt", "fine");
        folder.Write("big.txt", new string('x', 2000));
        var loader = new DocumentLoader(new DocumentLoaderOptions { MaxFileBytes = 1000 });
        var doc = await loader.LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        Assert.Equal(["small.txt"], doc.Files.Select(f => f.RelativePath));
        var warning = Assert.Single(doc.Warnings);
        Assert.Contains("big.txt", warning);
        Assert.Contains("1000-byte limit", warning);
    }

    [Fact]
    public async Task A_folder_of_documents_reads_pdf_and_docx_with_their_readers()
    {
        using var folder = new TempFolder();
        folder.Write("a.pdf", SampleFiles.Pdf(["Page one words."], ["Page two words."]));
        folder.Write("b.docx", SampleFiles.Docx(("Heading1", "Chapter"), (null, "Docx body.")));
        folder.Write("c.pdf", SampleFiles.PdfWithoutText());
        var doc = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);

        Assert.Equal(["a.pdf", "b.docx"], doc.Files.Select(f => f.RelativePath));
        Assert.Equal(2, doc.SourceMap.Locate(doc.Text.IndexOf("Page two", StringComparison.Ordinal)).Page);
        Assert.Equal("a.pdf", doc.SourceMap.Locate(doc.Text.IndexOf("Page two", StringComparison.Ordinal)).File);
        Assert.Equal("Chapter", Assert.Single(doc.Sections).Title);
        Assert.Contains(doc.Warnings, w => w.Contains("c.pdf") && w.Contains("no text layer"));
    }

    [Fact]
    public async Task Order_is_stable_across_runs()
    {
        using var folder = SourceTree();
        var first = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var second = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Text, second.Text);
    }
}
