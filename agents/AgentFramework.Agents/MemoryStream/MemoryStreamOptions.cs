namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// Options of the memory-stream pipeline. Retrieval weights follow Generative Agents' global weights
/// (relevance 3, importance 2, recency 0.5) applied to min-max normalised components.
/// </summary>
public sealed class MemoryStreamOptions
{
    /// <summary>Weight of cosine relevance to the current chunk or question.</summary>
    public double RelevanceWeight { get; set; } = 3;

    /// <summary>Weight of the model-rated importance (1–10).</summary>
    public double ImportanceWeight { get; set; } = 2;

    /// <summary>Weight of recency (decay per step since the entry was last used).</summary>
    public double RecencyWeight { get; set; } = 0.5;

    /// <summary>Recency of an entry is <c>RecencyDecay^(steps since last used)</c>.</summary>
    public double RecencyDecay { get; set; } = 0.99;

    /// <summary>m: how many archived entries the controller brings into each prompt.</summary>
    public int ArchivedEntries { get; set; } = 5;

    /// <summary>How many of the latest entries form the flash (short-term) memory with the running summary.</summary>
    public int FlashEntries { get; set; } = 3;

    /// <summary>A reflection runs when the importance written since the last one reaches this sum.</summary>
    public int ReflectionThreshold { get; set; } = 30;

    /// <summary>At most this many insights per reflection.</summary>
    public int MaxInsightsPerReflection { get; set; } = 3;

    /// <summary>Importance given to an entry whose rating cannot be parsed from the model's answer.</summary>
    public int DefaultImportance { get; set; } = 5;

    /// <summary>Output tokens for one reading step (note, updated summary, importance).</summary>
    public int ObserveOutputTokens { get; set; } = 256;

    /// <summary>Output tokens for a reflection.</summary>
    public int ReflectOutputTokens { get; set; } = 256;

    /// <summary>Output tokens for an answer or a summary.</summary>
    public int AnswerOutputTokens { get; set; } = 512;

    /// <summary>The running summary is cut to this many tokens before it goes back into a prompt.</summary>
    public int RunningSummaryTokens { get; set; } = 300;

    /// <summary>A single note is cut to this many tokens before it is stored.</summary>
    public int NoteTokens { get; set; } = 200;

    /// <summary>Entries used for a summary of the whole document (by importance, then shown in document order).</summary>
    public int SummaryEntries { get; set; } = 12;
}
