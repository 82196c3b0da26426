using AgentFramework.Models;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>The model a command uses: a chat client behind the middleware, what it is (profile), and embeddings if any.</summary>
public sealed record ResolvedModel(
    IChatClient Chat,
    ModelProfile Profile,
    IEmbeddingGenerator<string, Embedding<float>>? Embeddings,
    IDisposable? Owner = null) : IDisposable
{
    /// <summary>Releases the model: its owner when there is one (it owns the chat client and embeddings), else the clients.</summary>
    public void Dispose()
    {
        if (Owner is not null)
        {
            Owner.Dispose();
            return;
        }
        Chat.Dispose();
        Embeddings?.Dispose();
    }
}
