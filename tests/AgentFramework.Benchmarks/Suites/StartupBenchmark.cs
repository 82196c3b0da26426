using System.Runtime.InteropServices;
using System.Text.Json;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// Start-up as whole processes, each against a hello-world console published (ReadyToRun) in the same run and started the same way
/// (<c>dotnet X.dll</c>): <c>agentfw --version</c> and an extractive <c>summarize</c> of Moby Dick, from the build
/// output (JIT) and from a ReadyToRun publish (<c>dotnet publish -r RID</c>). Median of interleaved runs.
/// Args: [--runs 5] [--r2r DIR: an already published agentfw folder] [--compare DIR: another published agentfw (e.g. of
/// an earlier commit), timed in the same interleaved runs, for a before/after against the same hello world]
/// [--composite [DIR]: also a self-contained composite ReadyToRun publish (framework and agentfw in one version bubble, so
/// generic code over both is precompiled too), run as its own executable; DIR reuses one already published].
/// </summary>
public static class StartupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = IntArg(args, "--runs", 5);
        var repo = FindRepo();
        var moby = repo is null ? null : Path.GetFullPath(Path.Combine(repo, "..", "shared", "data", "moby-dick", "moby-dick.txt"));
        if (repo is null || moby is null || !File.Exists(moby))
        {
            Console.Error.WriteLine("startup: run from the repository (../shared/data/moby-dick/moby-dick.txt is needed)");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("agentfw-startup-bench-");
        try
        {
            var hello = await BuildHelloWorldAsync(work.FullName);
            var jit = Path.Combine(AppContext.BaseDirectory, "agentfw.dll");
            int at = Array.IndexOf(args, "--r2r");
            var r2rFolder = at >= 0 && at + 1 < args.Length ? args[at + 1] : await PublishReadyToRunAsync(repo, work.FullName);
            var r2r = Path.Combine(r2rFolder, "agentfw.dll");

            var commands = new Dictionary<string, string[]>
            {
                ["hello_world"] = [hello],
                ["version_jit"] = [jit, "--version"],
                ["version_r2r"] = [r2r, "--version"],
                ["summarize_jit"] = [jit, "summarize", moby, "--pipeline", "extractive", "--words", "300"],
                ["summarize_r2r"] = [r2r, "summarize", moby, "--pipeline", "extractive", "--words", "300"],
            };
            int compareAt = Array.IndexOf(args, "--compare");
            if (compareAt >= 0 && compareAt + 1 < args.Length)
            {
                var compare = Path.Combine(args[compareAt + 1], "agentfw.dll");
                commands["version_compare"] = [compare, "--version"];
                commands["summarize_compare"] = [compare, "summarize", moby, "--pipeline", "extractive", "--words", "300"];
            }
            int compositeAt = Array.IndexOf(args, "--composite");
            if (compositeAt >= 0)
            {
                var compositeFolder = compositeAt + 1 < args.Length && !args[compositeAt + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[compositeAt + 1]
                    : await PublishCompositeAsync(repo, work.FullName);
                var composite = Path.Combine(compositeFolder, "agentfw");
                commands["version_composite"] = [composite, "--version"];
                commands["summarize_composite"] = [composite, "summarize", moby, "--pipeline", "extractive", "--words", "300"];
            }
            foreach (var command in commands.Values) await TimeAsync(command, work.FullName); // warm the file cache
            var samples = commands.Keys.ToDictionary(k => k, _ => new List<double>());
            for (int i = 0; i < runs; i++)
                foreach (var (name, command) in commands) samples[name].Add(await TimeAsync(command, work.FullName));
            var median = samples.ToDictionary(s => s.Key, s => Median(s.Value));
            double hw = median["hello_world"];
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                suite = "startup",
                runs,
                median_seconds = median.ToDictionary(m => m.Key, m => Math.Round(m.Value, 3)),
                version_jit_vs_hello = Math.Round(median["version_jit"] / hw, 2),
                version_r2r_vs_hello = Math.Round(median["version_r2r"] / hw, 2),
                summarize_jit_vs_hello = Math.Round(median["summarize_jit"] / hw, 2),
                summarize_r2r_vs_hello = Math.Round(median["summarize_r2r"] / hw, 2),
                version_compare_vs_hello = median.TryGetValue("version_compare", out var vc) ? Math.Round(vc / hw, 2) : (double?)null,
                summarize_compare_vs_hello = median.TryGetValue("summarize_compare", out var sc) ? Math.Round(sc / hw, 2) : (double?)null,
                version_composite_vs_hello = median.TryGetValue("version_composite", out var vcc) ? Math.Round(vcc / hw, 2) : (double?)null,
                summarize_composite_vs_hello = median.TryGetValue("summarize_composite", out var scc) ? Math.Round(scc / hw, 2) : (double?)null,
                targets = "version <= 1.5x, summarize <= 6x hello world",
            }, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<double> TimeAsync(string[] command, string workingDirectory)
    {
        // A .dll is started by the dotnet host; a self-contained publish by its own executable.
        bool hosted = command[0].EndsWith(".dll", StringComparison.Ordinal);
        var (_, seconds) = await ChildProcess.RunAsync(hosted ? "dotnet" : command[0], hosted ? command : command[1..], workingDirectory, start =>
        {
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var name in new[] { "AGENTFW_MODEL", "AGENTFW_ENDPOINT" }) start.Environment.Remove(name);
        });
        return seconds;
    }

    private static async Task<string> BuildHelloWorldAsync(string work)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "hello")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "hello.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>" +
            "<ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><TieredPGO>false</TieredPGO></PropertyGroup></Project>");
        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine(\"hello, world\");\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Build.props"), "<Project></Project>");
        await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Packages.props"), "<Project></Project>");
        // Published the way agentfw's ReadyToRun copy is (RID-specific, ReadyToRun, framework-dependent), so the ratio
        // compares like with like; the JIT rows run against the same hello world.
        await RunDotnetAsync(folder, "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishReadyToRun=true",
            "--self-contained", "false", "-o", Path.Combine(folder, "out"), "-v", "q", "-nologo");
        return Path.Combine(folder, "out", "hello.dll");
    }

    private static async Task<string> PublishReadyToRunAsync(string repo, string work)
    {
        Console.Error.WriteLine("startup: publishing agentfw ReadyToRun...");
        ForgetReadyToRunOutput(repo);
        var output = Path.Combine(work, "agentfw-r2r");
        await RunDotnetAsync(repo, "publish", Path.Combine(repo, "src", "AgentFramework.Cli"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", "-o", output, "-v", "q", "-nologo");
        return output;
    }

    private static async Task<string> PublishCompositeAsync(string repo, string work)
    {
        Console.Error.WriteLine("startup: publishing agentfw self-contained, composite ReadyToRun (a few minutes)...");
        ForgetReadyToRunOutput(repo);
        var output = Path.Combine(work, "agentfw-composite");
        await RunDotnetAsync(repo, "publish", Path.Combine(repo, "src", "AgentFramework.Cli"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "true", "-p:PublishReadyToRunComposite=true", "-o", output, "-v", "q", "-nologo");
        return output;
    }

    // The SDK keeps the ReadyToRun output of both kinds of publish in obj/Release/net10.0/RID/R2R and reuses an image whose
    // IL is unchanged, so a plain publish after a composite one shipped the composite's component stubs (their code lives
    // in the composite image, which a plain publish does not ship) and agentfw aborted at start. Each publish here
    // compiles afresh.
    private static void ForgetReadyToRunOutput(string repo)
    {
        var folder = Path.Combine(repo, "src", "AgentFramework.Cli", "obj", "Release", "net10.0", RuntimeInformation.RuntimeIdentifier, "R2R");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static Task RunDotnetAsync(string workingDirectory, params string[] args) => ChildProcess.RunAsync("dotnet", args, workingDirectory);

    private static string? FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln"))) return dir.FullName;
        return null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
    }
}
