using AgentFramework.Agents;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Agents.Longform;

/// <summary><c>--pipeline memory-stream</c> through <see cref="IDocumentAgent"/>, registered by AddMemoryStreamPipeline.</summary>
public sealed class MemoryStreamFacadeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-memory-facade-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IDocumentAgent Agent(IChatClient client)
    {
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddSingleton(new ModelProfile("scripted", 2048, TokenCounters.Cl100k));
        services.AddAgentFramework();
        services.AddMemoryStreamPipeline(Path.Combine(_folder, "memory.db"));
        return services.BuildServiceProvider().GetRequiredService<IDocumentAgent>();
    }

    private static StageScriptedChatClient Reader() => new(call => call.Stage switch
    {
        "memory-stream/observe" => "NOTE: sailors counted barrels of oil.\nSUMMARY: Sailors count oil barrels.\nIMPORTANCE: 4",
        "memory-stream/reflect" => "- The counting never stops [1, 2]",
        "memory-stream/answer" => "They counted barrels [1].",
        "memory-stream/summarize" => "A story of counting [1].",
        _ => throw new InvalidOperationException(call.Stage),
    });

    [Fact]
    public async Task Ask_reads_once_and_later_requests_answer_from_stored_memory()
    {
        var document = Document.FromText(TestDocuments.Paragraphs(30), "barrels.txt");
        var ct = TestContext.Current.CancellationToken;
        var first = Reader();
        var answer = await Agent(first).AskAsync([document], "What did the sailors count?", PipelineNames.MemoryStream, cancellationToken: ct);
        int observed = first.CallsIn("memory-stream/observe").Count;
        Assert.True(observed >= 3, $"a 30-paragraph document at a 2,048-token window is read in several chunks (got {observed})");
        Assert.Equal("They counted barrels [1].", answer.Text);
        Assert.All(answer.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
        Assert.Equal(observed, answer.Trace.Counters["memory_stream.chunks_read"]);

        var second = Reader();
        var summary = await Agent(second).SummarizeAsync([document], PipelineNames.MemoryStream, cancellationToken: ct);
        Assert.Equal(["memory-stream/summarize"], second.Calls.Select(c => c.Stage));
        Assert.Equal(1, summary.Trace.Counters["memory_stream.loaded_from_store"]);
        Assert.NotEmpty(summary.Citations);
    }

    [Fact]
    public void The_pipeline_is_registered_under_its_command_line_name() =>
        Assert.Contains("memory-stream", Agent(Reader()).Pipelines);
}
