using AgentFramework.Agents.MemoryStream;
using AgentFramework.Chunking;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Plugins.Kernels;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Memory;

namespace AgentFramework.IntegrationTests.Longform;

/// <summary>Memory-stream end to end on the tiny Llama (real ONNX runtime, tokenizer, middleware and SQLite memory store).</summary>
public sealed class MemoryStreamEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-memory-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Reads_a_multi_chunk_document_once_then_answers_and_summarises_from_memory()
    {
        var folder = SharedData.TinyLlama;
        var ct = TestContext.Current.CancellationToken;
        using var local = LocalModelLoader.Load(folder);
        var book = await new DocumentLoader().LoadAsync(Path.Combine(FindSamples(), "moby-dick.txt"), ct);
        var document = Document.FromText(book.Text[..6000], "moby-dick-opening.txt");
        var chunks = new Chunker(local.Profile.TokenCounter).Split(document, new ChunkingOptions { MaxTokens = 300, OverlapTokens = 0 }, ct);
        Assert.True(chunks.Count >= 3, $"the test needs several chunks, got {chunks.Count}");

        var database = Path.Combine(_folder, "index.db");
        MemoryStreamPipeline Pipeline()
        {
            var chat = ModelPipeline.Wrap(local.Chat, new ModelPipelineOptions { TokenCounter = local.Profile.TokenCounter, Retry = null });
            return new MemoryStreamPipeline(new AgentFramework.Agents.Execution.PromptCaller(KernelFactory.Create(chat), new AgentFramework.Plugins.Prompts.PromptLibrary()), local.Embeddings ?? new HashingEmbeddingGenerator(), new SqliteMemoryStore(database), local.Profile,
                new MemoryStreamOptions { ObserveOutputTokens = 64, AnswerOutputTokens = 64, ReflectOutputTokens = 64, ReflectionThreshold = 10 });
        }

        var first = await Pipeline().AskAsync(document, chunks, "Who is the narrator?", cancellationToken: ct);
        Assert.Equal(chunks.Count, first.Trace.Calls.Count(c => c.Stage == "memory-stream/observe"));
        Assert.Equal(1, first.Trace.Calls.Count(c => c.Stage == "memory-stream/answer"));
        Assert.True(first.Trace.Calls.Count(c => c.Stage == "memory-stream/reflect") >= 1, "importance 5 per note by default reaches 10 after two chunks");
        Assert.NotEmpty(first.Citations);
        Assert.All(first.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));

        var second = await Pipeline().AskAsync(document, chunks, "Where does the story begin?", cancellationToken: ct);
        Assert.True(second.ReadFromStore);
        Assert.Equal(["memory-stream/answer"], second.Trace.Calls.Select(c => c.Stage));

        var summary = await Pipeline().SummarizeAsync(document, chunks, 50, cancellationToken: ct);
        Assert.Equal(["memory-stream/summarize"], summary.Trace.Calls.Select(c => c.Stage));
        Assert.All(summary.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln"))) return Path.Combine(dir.FullName, "samples", "data");
        throw new DirectoryNotFoundException("samples/data beside AgentFramework.sln");
    }
}
