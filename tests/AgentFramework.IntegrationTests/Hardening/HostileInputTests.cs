using Microsoft.Data.Sqlite;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>The hostile files, made once per run of this class, plus a folder holding all of them and one good file.</summary>
public sealed class HostileFilesFixture : IDisposable
{
    public HostileFilesFixture()
    {
        Root = Directory.CreateTempSubdirectory("agentfw-hostile-").FullName;
        Mixed = Path.Combine(Root, "mixed");
        Directory.CreateDirectory(Mixed);
        foreach (var (name, make) in HostileFiles.All)
        {
            var path = Path.Combine(Root, name);
            var reason = make(path);
            if (reason is not null) { Unavailable[name] = reason; continue; }
            var inFolder = Path.Combine(Mixed, name);
            var again = make(inFolder);
            if (again is not null) Unavailable[name] = again;
        }
        GoodFile = Path.Combine(Mixed, "good.txt");
        File.WriteAllText(GoodFile, string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Paragraph {i}: the whale surfaced near the ship and the crew watched it for a long while.")));
    }

    public string Root { get; }
    public string Mixed { get; }
    public string GoodFile { get; }
    public Dictionary<string, string> Unavailable { get; } = [];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Hostile inputs through the real CLI (<c>chunk</c>, <c>ingest</c>, <c>summarize</c> as child processes): every run
/// ends with exit 0 (read or skipped with a message) or exit 2 and one error line naming the file, never a crash,
/// a hang or a memory blow-up; stores left behind pass SQLite's integrity check. Bounds: 1 GiB peak RSS per run
/// (measured), 30 s per run (generous; a run past 120 s is killed and fails).
/// </summary>
public class HostileInputTests(HostileFilesFixture files) : IClassFixture<HostileFilesFixture>
{
    private const long MaxRss = 1L << 30;
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in HostileFiles.All)
            foreach (var command in new[] { "chunk", "ingest", "summarize" })
                data.Add(name, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_file_named_alone_is_read_or_refused_in_one_line(string name, string command)
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(files.Unavailable.TryGetValue(name, out var reason), $"{name}: {reason}");
        var path = Path.Combine(files.Root, name);
        var store = Path.Combine(files.Root, $"{name}.{command}.db");
        var result = await RunAsync(command, path, store, ct);

        Assert.True(result.ExitCode is 0 or 2, $"{command} {name}: exit {result.ExitCode}\n{result.StandardError}");
        var errors = ErrorLines(result.StandardError);
        if (result.ExitCode == 2)
        {
            Assert.True(errors.Count == 1, $"{command} {name}: expected one error line, got:\n{result.StandardError}");
            Assert.Contains(name, errors[0]);
        }
        else Assert.Empty(errors);
        Assert.DoesNotContain("unexpected error", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        if (command == "ingest" && File.Exists(store)) AssertIntegrity(store);
    }

    [Theory]
    [InlineData("chunk")]
    [InlineData("ingest")]
    [InlineData("summarize")]
    public async Task A_folder_of_hostile_files_skips_each_with_a_message_and_reads_the_rest(string command)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Path.Combine(files.Root, $"mixed.{command}.db");
        var result = await RunAsync(command, files.Mixed, store, ct);

        Assert.True(result.ExitCode == 0, $"{command} folder: exit {result.ExitCode}\n{result.StandardError}");
        foreach (var (name, _) in HostileFiles.All)
        {
            if (files.Unavailable.ContainsKey(name) || name is "huge-single-line.txt") continue;
            if (name is "no-permission.txt" && Environment.UserName == "root") continue; // root reads it
            Assert.True(result.StandardError.Split('\n').Any(l => l.Contains("skipped") && l.Contains(name)),
                $"{command}: no skip message for {name}:\n{result.StandardError}");
        }
        if (command == "chunk") Assert.Contains("whale surfaced", result.StandardOutput);
        if (command == "ingest") AssertIntegrity(store);
    }

    [Fact]
    public async Task A_store_in_a_read_only_location_is_exit_2()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipUnless(Directory.Exists("/proc"), "needs /proc, a location no one (root included) can create files in");
        var result = await RunAsync("ingest", files.GoodFile, "/proc/agentfw-hostile-store.db", ct);
        Assert.True(result.ExitCode == 2, result.StandardError);
        Assert.Single(ErrorLines(result.StandardError));
        Assert.Contains("agentfw-hostile-store.db", result.StandardError);
    }

    [Fact]
    public async Task A_store_with_a_damaged_page_is_exit_2_for_search_and_ingest()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Path.Combine(files.Root, "damaged.db");
        var bigger = Path.Combine(files.Root, "bigger.txt");
        File.WriteAllText(bigger, string.Join("\n\n", Enumerable.Range(1, 400).Select(i => $"Section {i}: harpoons, whales {i} and the long voyage of ship number {i}.")));
        var made = await RunAsync("ingest", bigger, store, ct);
        Assert.True(made.ExitCode == 0, made.StandardError);
        AssertIntegrity(store);

        // Garbage over every page after the first two (the header and schema stay readable).
        var bytes = File.ReadAllBytes(store);
        Assert.True(bytes.Length > 3 * 4096, $"store is only {bytes.Length} bytes");
        new Random(7).NextBytes(bytes.AsSpan(2 * 4096));
        File.WriteAllBytes(store, bytes);

        foreach (var args in new[] { new[] { "search", "whales harpoons", "--store", store, "--mode", "hybrid" }, ["ingest", files.GoodFile, "--store", store] })
        {
            var result = await MeasuredRun.RunAsync(files.Root, args, TimeSpan.FromSeconds(120), ct);
            Assert.True(result.ExitCode == 2, $"{args[0]}: exit {result.ExitCode}\n{result.StandardError}");
            Assert.Single(ErrorLines(result.StandardError));
            Assert.DoesNotContain("unexpected error", result.StandardError);
        }
    }

    private async Task<MeasuredRun.Result> RunAsync(string command, string path, string store, CancellationToken ct)
    {
        string[] args = command switch
        {
            "ingest" => ["ingest", path, "--store", store],
            "summarize" => ["summarize", path, "--words", "60", "--cache", Path.Combine(files.Root, "calls.db")],
            _ => ["chunk", path, "--max-tokens", "256"],
        };
        var result = await MeasuredRun.RunAsync(files.Root, args, TimeSpan.FromSeconds(120), ct);
        Assert.False(result.Killed, $"{command} {path}: still running after 120 s");
        Assert.True(result.PeakRssBytes < MaxRss, $"{command} {path}: peak RSS {result.PeakRssBytes >> 20} MiB");
        Assert.True(result.Elapsed < TimeBound * 2, $"{command} {path}: {result.Elapsed.TotalSeconds:F1} s"); // generous: the machine may be loaded
        TestContext.Current.TestOutputHelper?.WriteLine($"{command} {Path.GetFileName(path)}: exit {result.ExitCode}, {result.PeakRssBytes >> 20} MiB, {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static List<string> ErrorLines(string stderr) =>
        stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("unexpected error", StringComparison.Ordinal)).ToList();

    internal static void AssertIntegrity(string store)
    {
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar() as string);
        check.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'chunks_fts'";
        if (Convert.ToInt64(check.ExecuteScalar()) == 0) return; // no tables yet: an empty store is valid
        check.CommandText = "INSERT INTO chunks_fts(chunks_fts, rank) VALUES('integrity-check', 1)";
        check.ExecuteNonQuery(); // throws SQLITE_CORRUPT when the FTS index disagrees with its table
    }
}
