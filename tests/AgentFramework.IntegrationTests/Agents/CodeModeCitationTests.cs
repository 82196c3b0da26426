using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.Documents;
using AgentFramework.IntegrationTests.Serving;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>
/// Code mode with a model: <c>summarize</c> over a small source folder, and every citation the output ("Sources:" lines,
/// file:line:column) or the trace (artifact spans) carries names a file of the folder, by its path relative to the
/// folder, and a line within that file whose text at that column is the quoted text. A scripted model behind the real
/// server cites declarations by chunk label (so there are citations to check); the tiny Llama runs the same commands
/// for real, where whatever it cites must hold too.
/// </summary>
public sealed partial class CodeModeCitationTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["src/Counter.cs"] = "namespace Demo;\n\n/// <summary>Counts barrels.</summary>\npublic sealed class Counter\n{\n    private int _value;\n\n    public int Increment(int by) => _value += by;\n\n    public int Value => _value;\n}\n",
        ["src/Ledger.cs"] = "namespace Demo;\n\npublic static class Ledger\n{\n" + string.Concat(Enumerable.Range(1, 30).Select(i =>
            $"    /// <summary>Records entry {i} of the voyage log.</summary>\n    public static string Entry{i}(Counter counter) => $\"entry {i}: {{counter.Value}} barrels\";\n\n")) + "}\n",
        ["src/util/strings.py"] = "def shout(text):\n    return text.upper()\n\n\ndef whisper(text):\n    return text.lower()", // no final newline
        ["tools/build.sh"] = "#!/bin/sh\nset -e\ndotnet build Demo.csproj\n",
    };

    [Fact]
    public async Task A_model_citing_chunk_labels_yields_citations_that_name_existing_files_and_lines()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = CreateFolder();
        try
        {
            await using var server = await RunningServer.StartAsync(new ScriptedChatModel((messages, _) => Task.FromResult(Reply(messages))));
            int cited = 0;
            var files = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pipeline in new[] { "chain-of-agents", "full-context" })
            {
                var (output, trace) = await SummarizeAsync(folder.FullName, pipeline, ["--endpoint", server.ApiBase.ToString(), "--context-length", "1024"], ct);
                var sources = await CheckAsync(folder.FullName, output, trace, ct);
                cited += sources.Count;
                files.UnionWith(sources);
            }
            Assert.True(cited >= 4, $"the scripted model's labels should yield citations; got {cited}");
            Assert.True(files.Count >= 2, $"citations should span several files: {string.Join(", ", files)}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task On_the_tiny_llama_code_mode_completes_and_whatever_it_cites_exists()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = SharedData.TinyLlama;
        var folder = CreateFolder();
        try
        {
            foreach (var pipeline in new[] { "chain-of-agents", "full-context" })
            {
                string[] options = pipeline == "chain-of-agents" ? ["--model", model, "--unit-tokens", "64", "--max-output-tokens", "48"] : ["--model", model, "--max-output-tokens", "48"];
                var (output, trace) = await SummarizeAsync(folder.FullName, pipeline, options, ct);
                await CheckAsync(folder.FullName, output, trace, ct);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static DirectoryInfo CreateFolder()
    {
        var folder = Directory.CreateTempSubdirectory("agentfw-code-citations-");
        foreach (var (path, text) in Files)
        {
            var full = Path.Combine(folder.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return folder;
    }

    private static async Task<(string Output, JsonDocument Trace)> SummarizeAsync(string folder, string pipeline, string[] model, CancellationToken ct)
    {
        var trace = Path.Combine(Path.GetTempPath(), $"agentfw-code-citations-{Guid.NewGuid():N}.json");
        try
        {
            string[] args = ["summarize", folder, "--pipeline", pipeline, .. model, "--no-cache", "--trace", trace];
            var outcome = await AgentFwServeProcess.RunAsync(ct, args);
            Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', args)}: exit {outcome.ExitCode}: {outcome.StandardError}");
            return (outcome.StandardOutput, JsonDocument.Parse(await File.ReadAllTextAsync(trace, ct)));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    /// <summary>Checks every "Sources:" line and every trace citation; returns the files the Sources lines name.</summary>
    private static async Task<List<string>> CheckAsync(string folder, string output, JsonDocument trace, CancellationToken ct)
    {
        using var _ = trace;
        var named = new List<string>();
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        foreach (var line in lines.SkipWhile(l => l != "Sources:").Skip(1).TakeWhile(l => l.StartsWith("  [", StringComparison.Ordinal)))
        {
            var m = SourceLine().Match(line);
            Assert.True(m.Success, $"a Sources line that names no file:line:column: '{line}'");
            var quote = m.Groups["quote"].Value;
            if (quote.EndsWith("...", StringComparison.Ordinal)) quote = quote[..^3];
            AssertAt(folder, m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["column"].Value), quote, line);
            named.Add(m.Groups["file"].Value);
        }

        // The trace's citations are spans of the folder's text: each must locate to a real file line holding its quote.
        var document = await new DocumentLoader().LoadAsync(folder, ct);
        foreach (var artifact in trace.RootElement.GetProperty("artifacts").EnumerateArray())
        {
            if (!artifact.TryGetProperty("citations", out var citations) || citations.ValueKind != JsonValueKind.Array) continue;
            foreach (var c in citations.EnumerateArray())
            {
                int start = c.GetProperty("start").GetInt32(), end = c.GetProperty("end").GetInt32();
                var quote = c.GetProperty("quote").GetString()!;
                Assert.Equal(document.Text[start..end], quote);
                var where = document.SourceMap.Locate(start);
                AssertAt(folder, where.File, where.Line, where.Column, Regex.Replace(quote, @"\s+", " ").Trim(), $"trace citation {where} \"{quote}\"");
            }
        }
        return named;
    }

    /// <summary><paramref name="file"/> (relative to the folder) exists, has <paramref name="line"/>, and its text from there starts with the quote.</summary>
    private static void AssertAt(string folder, string file, int line, int column, string quote, string context)
    {
        Assert.False(Path.IsPathRooted(file), $"{context}: '{file}' is not relative to the folder");
        var full = Path.Combine(folder, file);
        Assert.True(File.Exists(full), $"{context}: '{file}' is not a file of the folder");
        var fileLines = File.ReadAllText(full).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(line >= 1 && line <= fileLines.Length, $"{context}: line {line} is outside {file} ({fileLines.Length} lines)");
        Assert.True(column >= 1 && column <= fileLines[line - 1].Length + 1, $"{context}: column {column} is outside line {line} of {file}");
        var from = Regex.Replace(string.Join("\n", fileLines.Skip(line - 1))[(column - 1)..], @"\s+", " ");
        Assert.True(from.StartsWith(quote.Trim(), StringComparison.Ordinal), $"{context}: {file}:{line}:{column} reads '{from[..Math.Min(80, from.Length)]}', not the quoted text");
    }

    // The scripted model: workers keep the earlier notes and add the chunk's declarations with its label; the manager
    // and full-context answer with the declarations they were shown, labels and all.
    private static string Reply(IReadOnlyList<ChatMessage> messages)
    {
        var user = messages[^1].Text;
        if (WorkerPart().Match(user) is { Success: true } part)
        {
            var chunk = Between(user, part.Value + "\n", "\n\nNotes from the previous workers:");
            var notes = Between(user, "Notes from the previous workers:\n", "\n\nTask:");
            var kept = notes.StartsWith("(none yet", StringComparison.Ordinal) ? "" : notes + "\n";
            return kept + string.Join("\n", Declarations(chunk).Take(2).Select(d => $"{d} [{part.Groups["label"].Value}]"));
        }
        if (user.Contains("Notes from the workers:", StringComparison.Ordinal)) return Between(user, "Notes from the workers:\n", "\n\nTask (again)");
        return string.Join(" ", Declarations(user).Take(3));
    }

    private static IEnumerable<string> Declarations(string code) =>
        code.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("public ", StringComparison.Ordinal) || l.StartsWith("def ", StringComparison.Ordinal));

    private static string Between(string text, string from, string to)
    {
        int start = text.IndexOf(from, StringComparison.Ordinal);
        if (start < 0) return "";
        start += from.Length;
        int end = text.IndexOf(to, start, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex(@"Part (?<label>C\d+) of the codebase \(.*?\):")]
    private static partial Regex WorkerPart();

    [GeneratedRegex(@"^  \[\d+\] (?<file>.+):(?<line>\d+):(?<column>\d+) \[\d+,\d+\) ""(?<quote>.*)""$")]
    private static partial Regex SourceLine();
}
