namespace AgentFramework.Chunking;

/// <summary>
/// How far <see cref="Chunker.Split"/> has got: <see cref="Done"/> characters of the text are counted (tokenised into
/// units), and <see cref="Chunks"/> chunks are decided, the last ending at most about one chunk before Done. Counting and
/// packing run together, packing just behind; <see cref="Phase"/> says which of them reported (counting every quarter
/// megabyte, packing every 32 chunks). Done only grows, so <see cref="Fraction"/> does too.
/// </summary>
public readonly record struct ChunkingProgress(string Phase, long Done, long Total, int Chunks)
{
    public const string Counting = "counting";
    public const string Packing = "packing";

    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}
