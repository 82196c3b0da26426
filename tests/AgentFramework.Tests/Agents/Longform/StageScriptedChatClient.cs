using AgentFramework.Tracing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace AgentFramework.Tests.Agents.Longform;

/// <summary>One call the scripted client received: the pipeline stage it was made in, the rendered messages and the output cap.</summary>
public sealed record StageScriptedCall(string Stage, IReadOnlyList<ChatMessage> Messages, int? MaxOutputTokens)
{
    public string UserText => string.Join("\n", Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
}

/// <summary>
/// A chat client for orchestration tests: answers each call with <paramref name="respond"/> given the stage and the
/// call, and records every call in order.
/// </summary>
public sealed class StageScriptedChatClient(Func<StageScriptedCall, string> respond) : IChatClient
{
    private readonly List<StageScriptedCall> _calls = [];

    public IReadOnlyList<StageScriptedCall> Calls { get { lock (_calls) return _calls.ToList(); } }

    public IReadOnlyList<StageScriptedCall> CallsIn(string stage) => Calls.Where(c => c.Stage == stage).ToList();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new StageScriptedCall(PipelineContext.StageName, messages.ToList(), options?.MaxOutputTokens);
        lock (_calls) _calls.Add(call);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, respond(call))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the pipelines under test do not stream");

    // Semantic Kernel asks its chat client for metadata before a prompt function runs.
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted") :
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    public Kernel ToKernel()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatClient>(this);
        return builder.Build();
    }

    /// <summary>The embedded prompt functions over this client, as the pipelines call them.</summary>
    public AgentFramework.Agents.Execution.PromptCaller ToCaller() => new(ToKernel(), new AgentFramework.Plugins.Prompts.PromptLibrary());
}

/// <summary>
/// A deterministic bag-of-words embedder for tests: each lower-cased word adds 1 to a hashed dimension, so texts that
/// share words are close in cosine.
/// </summary>
public sealed class BagOfWordsEmbedder(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            Calls++;
            var vector = new float[dimensions];
            foreach (var word in value.ToLowerInvariant().Split([' ', '\n', '.', ',', ';', ':', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
                vector[(int)((uint)StableHash(word) % (uint)dimensions)] += 1;
            result.Add(new Embedding<float>(vector));
        }
        return Task.FromResult(result);
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("bag-of-words", defaultModelId: "bow64") : null;

    public void Dispose() { }
}
