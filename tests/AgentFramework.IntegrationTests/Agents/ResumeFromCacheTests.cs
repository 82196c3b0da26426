using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>
/// An interrupted Chain-of-Agents run resumes: the workers that finished before the cancellation are replayed from the
/// SQLite call cache, the rest run on the tiny ONNX Llama.
/// </summary>
public sealed class ResumeFromCacheTests
{
    [Fact]
    public async Task A_cancelled_chain_replays_its_finished_workers_on_the_next_run()
    {
        var folder = Directory.CreateTempSubdirectory("agentfw-resume");
        try
        {
            var book = Document.FromText(string.Join("\n\n", Enumerable.Range(1, 60).Select(p =>
                $"Chapter {p}. The crew of the Pequod counted {p * 7} barrels of whale oil while Ahab paced the quarter-deck, " +
                "and Starbuck, the first mate, kept the log of the voyage in his cabin below the deck.")), "book.txt");
            var cachePath = Path.Combine(folder.FullName, "calls.db");

            async Task<PipelineResult> Run(int cancelAfterCalls)
            {
                using var model = OnnxModel.Load(SharedData.TinyLlama);
                var services = new ServiceCollection();
                services.AddSingleton<IChatClient>(ModelPipeline.Wrap(new OnnxChatClient(model),
                    new ModelPipelineOptions { TokenCounter = model.Profile.TokenCounter, Cache = new SqliteCallCache(cachePath) }));
                services.AddSingleton(model.Profile);
                services.AddAgentFramework(o => { o.ChainOfAgents.UnitTokens = 48; o.ChainOfAgents.AnswerTokens = 32; });
                await using var provider = services.BuildServiceProvider();
                var agent = provider.GetRequiredService<IDocumentAgent>();
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                var progress = new CancelAfterCalls(cancel, cancelAfterCalls);
                return await agent.AskAsync([book], "How many barrels?", PipelineNames.ChainOfAgents, progress: progress, cancellationToken: cancel.Token);
            }

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(2));
            var resumed = await Run(int.MaxValue);

            var workers = resumed.Trace.Stages()[ChainOfAgentsPipeline.WorkerStage];
            Assert.True(workers.Calls >= 3, $"needs at least 3 workers to show a resume, got {workers.Calls}");
            Assert.Equal(2, resumed.Trace.CachedCallCount);
            Assert.All(resumed.Trace.Calls.Take(2), c => Assert.True(c.Cached));
            Assert.All(resumed.Trace.Calls.Skip(2), c => Assert.False(c.Cached));
        }
        finally { folder.Delete(true); }
    }

    /// <summary>Cancels the run once <paramref name="calls"/> model calls have finished (as an interrupted job would stop).</summary>
    private sealed class CancelAfterCalls(CancellationTokenSource cancel, int calls) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value)
        {
            if (value.CallsDone >= calls) cancel.Cancel();
        }
    }
}
