using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Models;
using AgentFramework.Plugins.Kernels;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Agents.Longform;

/// <summary>
/// An interrupted write resumes through the real call cache (SQLite) and middleware: the re-run replays the calls that
/// finished and produces the same document as an uninterrupted run.
/// </summary>
public sealed class WriteResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Plan =
        "1. Sea: the sea (150 words)\n2. Ship: the ship (150 words)\n3. Crew: the crew (150 words)\n4. Hunt: the hunt (150 words)";

    /// <summary>A backend whose answer depends only on the prompt (like a greedy model), with lengths that force continuations.</summary>
    private sealed class PromptDeterministicBackend(Action<int>? beforeCall = null) : IChatClient
    {
        public int Calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            beforeCall?.Invoke(Calls);
            cancellationToken.ThrowIfCancellationRequested();
            var prompt = string.Concat(messages.Select(m => m.Text));
            var answer = prompt.Contains("Task: break this writing") ? Plan
                : string.Join(' ', Enumerable.Repeat("word", 20 + (int)((uint)Hash(prompt) % 60))) + ".";
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        private static int Hash(string s) { unchecked { int h = 17; foreach (char c in s) h = h * 31 + c; return h; } }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    private static Task<WritingResult> WriteAsync(IChatClient backend, ICallCache? cache, CancellationToken ct)
    {
        var client = ModelPipeline.Wrap(backend, new ModelPipelineOptions { Cache = cache, Retry = null });
        var pipeline = new PlanThenWritePipeline(new AgentFramework.Agents.Execution.PromptCaller(KernelFactory.Create(client), new AgentFramework.Plugins.Prompts.PromptLibrary()), new ModelProfile("scripted", 8192, TokenCounters.Cl100k), new PlanThenWriteOptions());
        return pipeline.WriteAsync(new WritingRequest("Write about whaling.", 600), cancellationToken: ct);
    }

    [Fact]
    public async Task An_interrupted_write_replays_finished_calls_and_finishes_the_same_document()
    {
        var reference = new PromptDeterministicBackend();
        var expected = await WriteAsync(reference, null, TestContext.Current.CancellationToken);
        Assert.True(reference.Calls > 6, $"the scenario needs continuation rounds: {reference.Calls} calls, rounds {string.Join(",", expected.Sections.Select(s => s.Rounds.Count + ":" + s.Words))}");

        var database = Path.Combine(_folder, "calls.db");
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        const int finishedBeforeInterrupt = 5;
        var interrupted = new PromptDeterministicBackend(call => { if (call == finishedBeforeInterrupt + 1) interrupt.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WriteAsync(interrupted, new SqliteCallCache(database), interrupt.Token));

        var resumed = new PromptDeterministicBackend();
        var result = await WriteAsync(resumed, new SqliteCallCache(database), TestContext.Current.CancellationToken);
        Assert.Equal(expected.Markdown, result.Markdown);
        Assert.Equal(finishedBeforeInterrupt, result.Trace.CachedCallCount);
        Assert.Equal(reference.Calls - finishedBeforeInterrupt, resumed.Calls);
        Assert.Equal(expected.Sections.Select(s => s.Rounds.Count), result.Sections.Select(s => s.Rounds.Count));
    }
}
