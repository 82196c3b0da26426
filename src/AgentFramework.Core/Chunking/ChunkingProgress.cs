namespace AgentFramework.Chunking;

/// <summary>
/// How far <see cref="Chunker.Split"/> has got: characters of the text counted into pieces, then characters
/// covered by finished chunks. <see cref="Fraction"/> weighs the two passes equally (each tokenises the text once).
/// </summary>
public readonly record struct ChunkingProgress(string Phase, long Done, long Total, int Chunks)
{
    public const string Counting = "counting";
    public const string Packing = "packing";

    public double Fraction => Total == 0 ? 1 : (Phase == Counting ? 0 : 0.5) + 0.5 * Done / Total;
}
