using System.CommandLine;
using System.Text.Json.Serialization;
using AgentFramework.Chunking;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw chunk PATH</c>: load a document and print its token-budgeted chunks.</summary>
public static class ChunkCommand
{
    private const int PreviewWords = 12;

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A file (.txt .md .html .pdf .docx or source code), a folder, or - for standard input" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens per chunk", DefaultValueFactory = _ => 512 };
        var overlap = new Option<int>("--overlap") { Description = "Tokens shared with the previous chunk (less than --max-tokens)", DefaultValueFactory = _ => 64 };

        var command = new Command("chunk",
            "Split a document into chunks within a token budget and print each chunk's id, span, tokens, section and first words.\n" +
            "Example: agentfw chunk samples/data/moby-dick.txt --max-tokens 512 --overlap 64");
        command.Arguments.Add(path);
        command.Options.Add(maxTokens);
        command.Options.Add(overlap);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            var options = new ChunkingOptions { MaxTokens = parse.GetValue(maxTokens), OverlapTokens = parse.GetValue(overlap) };
            options.Validate("--max-tokens", "--overlap");
            var document = await new DocumentLoader(DocumentLimitOptions.Current).LoadAsync(parse.GetValue(path)!, ct);
            foreach (var warning in document.Warnings) Console.Error.WriteLine($"warning: {LibraryOptionFlags.Translate(warning)}");
            var counter = TokenCounterResolver.Resolve(settings);
            double megabytes = System.Text.Encoding.UTF8.GetByteCount(document.Text) / 1e6;
            var chunks = await ProgressBoard.RunAsync(board =>
            {
                var item = board.Add("chunk", "MB", megabytes);
                return Task.FromResult(new Chunker(counter).Split(document, options, ct,
                    new SynchronousProgress<ChunkingProgress>(p => item.Update(p.Fraction * megabytes, megabytes, $"{p.Phase}, {p.Chunks} chunks"))));
            });

            if (settings.Json)
            {
                CliJson.Write(chunks.Select(c => new ChunkJson(c.Id, c.Start, c.End, c.TokenCount, c.Section, c.Text)));
                return ExitCodes.Success;
            }
            var output = Console.Out;
            foreach (var chunk in chunks)
                output.WriteLine($"{chunk.Id}  [{chunk.Start},{chunk.End})  {chunk.TokenCount,5} tokens  {chunk.Section ?? "-"}  \"{Preview(chunk.Text)}\"");
            Console.Error.WriteLine($"{document.Name}: {chunks.Count} chunks, {chunks.Sum(c => (long)c.TokenCount)} tokens ({counter.Name}, max {options.MaxTokens}, overlap {options.OverlapTokens})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One chunk in --json output; "section" is always present (null when the document has none).</summary>
    private sealed record ChunkJson(
        string Id, int Start, int End, int Tokens,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Section,
        string Text);

    /// <summary>The first words of a chunk on one line.</summary>
    public static string Preview(string text)
    {
        var words = text.Split((char[]?)null, PreviewWords + 1, StringSplitOptions.RemoveEmptyEntries);
        var preview = string.Join(' ', words.Take(PreviewWords));
        return words.Length > PreviewWords ? preview + " …" : preview;
    }
}
