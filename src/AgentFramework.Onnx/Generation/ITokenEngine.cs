namespace AgentFramework.Onnx.Generation;

/// <summary>
/// A forward engine other than our own decoder runner (ONNX Runtime GenAI): given prompt ids, yields the chosen next
/// tokens until one of <paramref name="eosIds"/> or the request's limit, filling <see cref="GenerationStats"/>.
/// </summary>
public interface ITokenEngine : IDisposable
{
    /// <summary>Short name for model info and traces ("genai").</summary>
    string Name { get; }

    IAsyncEnumerable<int> GenerateAsync(IReadOnlyList<int> prompt, GenerationRequest request, GenerationStats stats, IReadOnlySet<int> eosIds, CancellationToken cancellationToken);
}
