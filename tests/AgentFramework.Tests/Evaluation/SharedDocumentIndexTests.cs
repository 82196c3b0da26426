using System.Collections.Concurrent;
using AgentFramework.Agents;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Models;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Tests.Agents;
using AgentFramework.Tokens;
using AgentFramework.Tracing;

namespace AgentFramework.Tests.Evaluation;

/// <summary>
/// Questions over one document pay for its chunking and index once: in a benchmark run (real SQLite indexes with the
/// hashing embedder, scripted model) and through the library's <see cref="IDocumentAgent"/>.
/// </summary>
public class SharedDocumentIndexTests
{
    private static readonly Document Moby = Document.FromText(TestDocuments.Paragraphs(30) + "\n\nQueequeg came from the island of Kokovoko.", "moby.txt");
    private static readonly Document Other = Document.FromText("Ahab hunted the white whale. " + TestDocuments.Paragraphs(20), "other.txt");

    /// <summary>Keeps each run's trace so the test can read its counters.</summary>
    private sealed class TraceKeeping(IBenchmarkPipeline inner) : IBenchmarkPipeline
    {
        public ConcurrentDictionary<string, PipelineTrace> Traces { get; } = new();
        public string Name => inner.Name;
        public bool Supports(TaskKind kind) => inner.Supports(kind);

        public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
        {
            var result = await inner.RunAsync(benchmarkCase, cancellationToken);
            Traces[benchmarkCase.Id] = result.Trace;
            return result;
        }
    }

    private static BenchmarkCase Case(string id, Document document, string question) =>
        new(id, "shared-index", TaskKind.QuestionAnswering, [document], question, ["Kokovoko"], [ExactMatch.MetricName], "4k");

    [Fact]
    public async Task A_bench_run_with_five_questions_on_one_document_indexes_it_once()
    {
        using var folder = new TempFolder();
        var client = new Agents.ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage ? "NONE" : "answer");
        await using var host = AgentPipelineHost.Create(client, new ModelProfile("scripted", 4096, TokenCounters.Cl100k), new HashingEmbeddingGenerator(),
            Path.Combine(folder.Path, "scratch"), o => { o.RetrieveThenReason.TopK = 2; o.RetrieveThenReason.ChunkTokens = 200; });
        var pipeline = new TraceKeeping(host.Pipelines([PipelineNames.RetrieveThenReason])[0]);
        // Interleaved on purpose: the runner groups the cases of one document.
        string[] questions = ["Where did Queequeg come from?", "Who is Queequeg?", "What island?", "Which harpooneer?", "Where is Kokovoko?"];
        var cases = questions.Select((q, i) => Case($"moby-{i}", Moby, q)).ToList();
        cases.Insert(2, Case("other-0", Other, "Who hunted the whale?"));
        cases.Add(Case("other-1", Other, "What colour was the whale?"));

        var outcome = await new BenchmarkRunner([pipeline], new MetricRegistry(), new BenchmarkRunOptions { Concurrency = 2 })
            .RunAsync(cases, Path.Combine(folder.Path, "out"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(7, outcome.Ran);
        Assert.Equal(0, outcome.Failed);
        long Sum(string prefix, string counter) =>
            pipeline.Traces.Where(t => t.Key.StartsWith(prefix)).Sum(t => t.Value.Counters.GetValueOrDefault(counter));
        Assert.Equal(1, Sum("moby", "indexed_documents"));
        Assert.Equal(4, Sum("moby", "reused_index_documents"));
        Assert.Equal(1, Sum("other", "indexed_documents"));
        Assert.Equal(1, Sum("other", "reused_index_documents"));
        Assert.True(Sum("moby", "indexed_chunks") > 1, "the document was really chunked and indexed");
        // Every question was still answered from its own document's index.
        var extracts = client.CallsIn(RetrieveThenReasonPipeline.ExtractStage);
        Assert.All(extracts.Where(c => c.User.Contains("Ahab hunted")), c => Assert.Contains("whale?", c.User));
        Assert.Contains(extracts, c => c.User.Contains("Ahab hunted"));
    }

    [Fact]
    public void The_runner_puts_cases_over_the_same_document_next_to_each_other_in_first_seen_order()
    {
        var cases = new[] { Case("a1", Moby, "q"), Case("b1", Other, "q"), Case("a2", Moby, "q"), Case("b2", Other, "q"), Case("a3", Moby, "q") };

        var ordered = BenchmarkRunner.GroupedByDocument(cases).Select(c => c.Id);

        Assert.Equal(["a1", "a2", "a3", "b1", "b2"], ordered);
    }

    [Fact]
    public async Task The_library_answers_several_questions_over_one_document_with_one_chunking_and_one_index()
    {
        var client = new Agents.ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage ? "NONE" : "answer");
        // The default index factory (temporary SQLite stores) is used: no factory is given.
        var agent = AgentTestHost.Create(client, configure: o => { o.RetrieveThenReason.TopK = 2; o.RetrieveThenReason.ChunkTokens = 200; });
        var traces = new List<PipelineTrace>();
        foreach (var question in new[] { "Where did Queequeg come from?", "Who is Queequeg?", "What island?" })
            traces.Add((await agent.AskAsync([Moby], question, PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken)).Trace);

        Assert.Equal([1L, 0L, 0L], traces.Select(t => t.Counters.GetValueOrDefault("indexed_documents")));
        Assert.Equal([0L, 1L, 1L], traces.Select(t => t.Counters.GetValueOrDefault("reused_index_documents")));
        Assert.Equal(1, traces.Sum(t => t.Counters.GetValueOrDefault("chunked_documents")));
    }
}
