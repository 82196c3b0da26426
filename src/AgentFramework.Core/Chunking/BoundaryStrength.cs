namespace AgentFramework.Chunking;

/// <summary>
/// How good a place is to end a chunk. Prose: heading (Section) &gt; paragraph &gt; sentence or line &gt; word.
/// Code: file &gt; top-level declaration (Section) &gt; nested member declaration (Member) &gt; blank line (Paragraph)
/// &gt; line (Sentence). Character is a hard
/// cut inside a word longer than the budget (never inside a surrogate pair).
/// </summary>
internal enum BoundaryStrength : byte
{
    None = 0,
    Character = 1,
    Word = 2,
    Sentence = 3,
    Paragraph = 4,
    Member = 5,
    Section = 6,
    File = 7,
}
