using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Tests.Retrieval;

public sealed class IngestorTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("agentfw-ingestor-");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<Chunk> Chunk(Document d) => new Chunker().Split(d, new ChunkingOptions { MaxTokens = 32, OverlapTokens = 4 });

    [Fact]
    public async Task Missing_paths_fail_before_anything_is_written()
    {
        await using var index = await SqliteChunkIndex.CreateInMemoryAsync(cancellationToken: Ct);
        var good = Path.Combine(_dir.FullName, "good.txt");
        await File.WriteAllTextAsync(good, "Some words about harbours and budgets.", Ct);
        var ingestor = new Ingestor(new DocumentLoader(), Chunk, index);
        var error = await Assert.ThrowsAsync<DocumentLoadException>(() => ingestor.IngestAsync([good, Path.Combine(_dir.FullName, "missing.txt")], null, Ct));
        Assert.Contains("missing.txt", error.Message);
        Assert.Equal(0, (await index.GetStatsAsync(Ct)).Documents);
    }

    [Fact]
    public async Task Standard_input_is_one_document_named_stdin_and_rerunning_it_is_idempotent()
    {
        await using var index = await SqliteChunkIndex.CreateInMemoryAsync(cancellationToken: Ct);
        var file = Path.Combine(_dir.FullName, "notes.txt");
        await File.WriteAllTextAsync(file, "A file about tide tables and harbour pilots.", Ct);
        var piped = "Piped text about lighthouse keepers.\nSecond line about foghorns.\n";
        Ingestor WithStdin(string text) =>
            new(new DocumentLoader(standardInput: () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))), Chunk, index);

        var first = await WithStdin(piped).IngestAsync([file, "-", "-"], null, Ct);
        Assert.Equal(2, first.Added);
        var stdin = Assert.Single(first.Files, f => f.Path == "-");
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(piped), stdin.Bytes);
        Assert.Contains(await index.ListDocumentsAsync(Ct), d => d.Name == "stdin");

        var again = await WithStdin(piped).IngestAsync(["-"], null, Ct);
        Assert.Equal(IngestOutcome.Unchanged, Assert.Single(again.Files).Outcome);

        var changed = await WithStdin("Different piped text about canal locks.\n").IngestAsync(["-"], null, Ct);
        Assert.Equal(IngestOutcome.Replaced, Assert.Single(changed.Files).Outcome);
        Assert.Equal(2, (await index.GetStatsAsync(Ct)).Documents);
    }

    [Fact]
    public async Task An_unloadable_file_named_explicitly_stops_the_run_but_inside_a_folder_it_is_skipped()
    {
        await using var index = await SqliteChunkIndex.CreateInMemoryAsync(cancellationToken: Ct);
        var folder = Directory.CreateDirectory(Path.Combine(_dir.FullName, "docs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "Alpha text about lighthouses.", Ct);
        var binary = Path.Combine(folder, "b.bin");
        await File.WriteAllBytesAsync(binary, [0, 159, 146, 150, 0, 1], Ct);
        var ingestor = new Ingestor(new DocumentLoader(), Chunk, index);

        var summary = await ingestor.IngestAsync([folder], null, Ct);
        Assert.Equal((1, 1), (summary.Added, summary.SkippedCount));
        await Assert.ThrowsAnyAsync<UserInputException>(() => ingestor.IngestAsync([binary], null, Ct));
    }

    [Fact]
    public void Folders_are_walked_like_the_loader_does_honouring_gitignore_and_skipping_build_output()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir.FullName, "repo")).FullName;
        void Write(string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Write(".gitignore", "*.log\ngenerated/\n");
        Write("src/b.cs", "class B {}");
        Write("src/a.cs", "class A {}");
        Write("README.md", "# Repo");
        Write("build.log", "noise");
        Write("generated/x.cs", "class X {}");
        Write("bin/Debug/app.txt", "build output");
        Write("obj/project.assets.txt", "restore output");
        Write("node_modules/pkg/index.js", "module.exports = 1;");
        Write(".github/workflow.yml", "on: push");

        var files = Ingestor.ExpandPaths([root]).Select(f => Path.GetRelativePath(root, f.Path).Replace('\\', '/')).ToList();

        Assert.Equal(["README.md", "src/a.cs", "src/b.cs"], files);
    }

    [Fact]
    public void Progress_reports_rate_and_eta()
    {
        var progress = new IngestProgress(1, 4, 10, 2_000_000, 8_000_000, TimeSpan.FromSeconds(2), "x.txt");
        Assert.Equal(1.0, progress.MegabytesPerSecond, 6);
        Assert.Equal(TimeSpan.FromSeconds(6), progress.Eta);
        Assert.Contains("ETA 00:00:06", progress.ToString());
        Assert.Null(new IngestProgress(0, 4, 0, 0, 8_000_000, TimeSpan.Zero, null).Eta);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
