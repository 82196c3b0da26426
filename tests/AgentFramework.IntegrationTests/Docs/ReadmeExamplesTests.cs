using System.Diagnostics;

namespace AgentFramework.IntegrationTests.Docs;

/// <summary>
/// The README's doc test: every ```bash block runs as written (as one <c>bash -euo pipefail</c> script, in a scratch
/// copy of the checkout whose <c>../shared</c> is the real one, with <c>agentfw</c> on PATH being the CLI just built
/// and <c>$MODEL</c> the tiny Llama), and every ```csharp block compiles and runs as a program against the projects.
/// A block fails the test when it exits non-zero. Blocks marked <c>&lt;!-- doctest: skip REASON --&gt;</c> are skipped
/// with that reason, and so are blocks needing ../shared or AGENTFW_PGVECTOR_CS when those are absent.
/// </summary>
public sealed class ReadmeExamplesTests : IDisposable
{
    private static readonly TimeSpan BlockLimit = TimeSpan.FromMinutes(6);
    private readonly string _scratch = Directory.CreateTempSubdirectory("agentfw-readme-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static TheoryData<int> Blocks() => new(ReadmeBlocks.Read().Select(b => b.Line));

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Readme_block_runs_as_written(int line)
    {
        var block = ReadmeBlocks.Read().Single(b => b.Line == line);
        Assert.SkipWhen(block.SkipReason is not null, $"{block}: {block.SkipReason}");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the README's examples are bash scripts");
        var environment = Environment(block);
        var checkout = Checkout();
        var (exit, output) = block.Language == "bash"
            ? await RunAsync("bash", ["-euo", "pipefail", "-c", block.Code], checkout, environment)
            : await RunCSharpAsync(block, checkout, environment);
        Assert.True(exit == 0, $"{block} exited with {exit}:\n{block.Code}\n--- output ---\n{Tail(output)}");
    }

    [Fact]
    public void The_library_example_is_the_packaged_sample_program()
    {
        var sample = File.ReadAllText(Path.Combine(ReadmeBlocks.RepositoryRoot, "samples", "PackagedLibrary", "Program.cs")).ReplaceLineEndings("\n");
        Assert.Equal(sample, ReadmeBlocks.Read().First(b => b.Language == "csharp").Code);
    }

    [Fact]
    public void Markers_and_blocks_are_read_from_the_readme()
    {
        var readme = Path.Combine(_scratch, "README.md");
        File.WriteAllText(readme, "x\n\n<!-- doctest: skip needs a GPU -->\n\n```bash\necho skipped\n```\n\n```bash\necho run\n```\n\n```json\n{}\n```\n");
        var blocks = ReadmeBlocks.Read(readme);
        Assert.Equal([(5, "needs a GPU"), (9, null)], blocks.Select(b => (b.Line, b.SkipReason)));
        Assert.Equal("echo run\n", blocks[1].Code);
    }

    private Dictionary<string, string?> Environment(ReadmeBlock block)
    {
        var env = new Dictionary<string, string?>
        {
            ["AGENTFW_MODEL"] = null, ["AGENTFW_ENDPOINT"] = null, ["AGENTFW_MODEL_ID"] = null, ["AGENTFW_API_KEY"] = null,
            ["AGENTFW_CACHE"] = Path.Combine(_scratch, "calls.db"),       // the user's call cache and memories stay untouched
            ["XDG_DATA_HOME"] = Path.Combine(_scratch, "data"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1",
        };
        if (block.Code.Contains("$MODEL", StringComparison.Ordinal) || block.Code.Contains("\"MODEL\"", StringComparison.Ordinal))
            env["MODEL"] = SharedData.TinyLlama;                           // skips with a reason when ../shared is absent
        if (block.Code.Contains("../shared", StringComparison.Ordinal)) SharedData.RequireDirectory("data");
        if (block.Code.Contains("AGENTFW_PGVECTOR_CS", StringComparison.Ordinal))
            Assert.SkipWhen(string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("AGENTFW_PGVECTOR_CS")), $"{block} needs AGENTFW_PGVECTOR_CS (a PostgreSQL + pgvector server)");

        // `agentfw` is the CLI built beside these tests, as scripts/install would put it on PATH.
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        var shim = Path.Combine(bin, "agentfw");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "agentfw.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env["PATH"] = bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        return env;
    }

    // A scratch checkout: the repository's top-level entries linked (outputs of the examples land in the scratch
    // folder, not the repository) and ../shared linked to the real one.
    private string Checkout()
    {
        var checkout = Directory.CreateDirectory(Path.Combine(_scratch, "checkout")).FullName;
        foreach (var entry in new DirectoryInfo(ReadmeBlocks.RepositoryRoot).EnumerateFileSystemInfos())
            if (entry.Name is not (".git" or "TestResults" or "artifacts"))
                File.CreateSymbolicLink(Path.Combine(checkout, entry.Name), entry.FullName);
        if (SharedData.Root is { } shared) File.CreateSymbolicLink(Path.Combine(_scratch, "shared"), shared);
        return checkout;
    }

    private async Task<(int, string)> RunCSharpAsync(ReadmeBlock block, string checkout, Dictionary<string, string?> environment)
    {
        var project = Directory.CreateDirectory(Path.Combine(_scratch, $"readme-line-{block.Line}")).FullName;
        var root = ReadmeBlocks.RepositoryRoot;
        File.WriteAllText(Path.Combine(project, "Program.cs"), block.Code);
        File.WriteAllText(Path.Combine(project, "ReadmeExample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors><NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/agents/AgentFramework.Agents/AgentFramework.Agents.csproj" />
                <ProjectReference Include="{root}/src/AgentFramework.Onnx/AgentFramework.Onnx.csproj" />
              </ItemGroup>
            </Project>
            """);
        return await RunAsync("dotnet", ["run", "--project", project, "-v", "q", "--nologo"], checkout, environment);
    }

    private static async Task<(int, string)> RunAsync(string program, IEnumerable<string> args, string workingDirectory, Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = new System.Text.StringBuilder();
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(BlockLimit);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the block ran over {BlockLimit.TotalMinutes} minutes:\n{Tail(output.ToString())}");
        }
        process.WaitForExit();
        lock (gate) return (process.ExitCode, output.ToString());
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
