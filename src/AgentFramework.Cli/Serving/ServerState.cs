using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Serving;

/// <summary>What the request handlers share: the one loaded model (and embedding model), their gates and options.</summary>
internal sealed class ServerState(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>>? embeddings, ServerOptions options)
{
    public IChatClient Chat { get; } = chat;
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; } = embeddings;
    public ServerOptions Options { get; } = options;
    public ModelGate ChatGate { get; } = new(options.MaxQueue);
    public ModelGate EmbeddingGate { get; } = new(options.MaxQueue);
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
}
