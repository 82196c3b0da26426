namespace AgentFramework.Retrieval.Embeddings;

/// <summary>
/// An embedding as its non-zero entries: <see cref="Indices"/> ascending, <see cref="Values"/> the entries there, of a
/// vector <see cref="Dimensions"/> long. The hashing embedding of a sentence fills a few dozen of its 384 dimensions.
/// </summary>
public sealed class SparseEmbedding(int dimensions, int[] indices, float[] values)
{
    public int Dimensions { get; } = dimensions;

    public ReadOnlySpan<int> Indices => indices;

    public ReadOnlySpan<float> Values => values;
}
