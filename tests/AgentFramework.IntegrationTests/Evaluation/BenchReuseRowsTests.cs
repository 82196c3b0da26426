using AgentFramework.Agents;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Models;
using AgentFramework.Onnx;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// What `bench` writes per case for reuse across questions (issue 15), on the tiny Llama through the ONNX runtime's
/// prefix cache: results.jsonl rows carry the prompt tokens served from cache and the index counters, so a run's
/// output shows that questions 2..N over one document reuse its KV and its index.
/// </summary>
public sealed class BenchReuseRowsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-bench-reuse");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Rows_report_cached_prompt_tokens_and_one_index_per_document()
    {
        var moby = await new DocumentLoader().LoadAsync(SharedData.RequireFile("data/moby-dick/moby-dick.txt"), TestContext.Current.CancellationToken);
        using var onnx = OnnxModel.Load(SharedData.TinyLlama);
        var chat = ModelPipeline.Wrap(new OnnxChatClient(onnx, new OnnxChatClientOptions { DefaultMaxOutputTokens = 8 }), new ModelPipelineOptions { TokenCounter = onnx.TokenCounter });
        // About 1,500 model tokens of the novel: the whole document fits the 2,048-token window with a question.
        var document = Document.FromText(moby.Text[..6000], "moby-start");
        string[] questions = ["Who is the narrator?", "Where does he go to sea?", "What is a whaling voyage?"];
        var cases = questions.Select((q, i) => new BenchmarkCase($"q{i + 1}", "reuse", TaskKind.QuestionAnswering, [document], q, ["Ishmael"], [ExactMatch.MetricName], "2k")).ToList();

        var output = Path.Combine(_folder.FullName, "run");
        await using (var host = AgentPipelineHost.Create(chat, onnx.Profile, null, Path.Combine(output, ".indexes"), o =>
                     {
                         o.FullContext.AnswerTokens = 8;
                         o.RetrieveThenReason.TopK = 2;
                         o.RetrieveThenReason.ExtractTokens = 8;
                         o.RetrieveThenReason.AnswerTokens = 8;
                     }))
        {
            var outcome = await new BenchmarkRunner(host.Pipelines([PipelineNames.FullContext, PipelineNames.RetrieveThenReason]), new MetricRegistry())
                .RunAsync(cases, output, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((6, 0), (outcome.Ran, outcome.Failed));
        }

        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        var full = rows.Where(r => r.Pipeline == PipelineNames.FullContext).OrderBy(r => r.CaseId, StringComparer.Ordinal).ToList();
        Assert.Equal(0, full[0].CachedPromptTokens);
        // Questions 2 and 3 find the system line and the document (the document-first layout) in the prefix cache.
        Assert.All(full.Skip(1), r => Assert.True(r.CachedPromptTokens > r.PromptTokens / 2, $"{r.CaseId}: {r.CachedPromptTokens} of {r.PromptTokens} prompt tokens cached"));
        var retrieve = rows.Where(r => r.Pipeline == PipelineNames.RetrieveThenReason).ToList();
        Assert.Equal(1, retrieve.Sum(r => r.IndexedDocuments));
        Assert.Equal(2, retrieve.Sum(r => r.ReusedIndexDocuments));
        Assert.All(full, r => Assert.Equal(0, r.IndexedDocuments + r.ReusedIndexDocuments));
    }
}
