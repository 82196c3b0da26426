namespace AgentFramework.Onnx.Embeddings;

/// <summary>How token states become one vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>The model's pooled output when it has one (rank-2 output such as pooler_output / sentence_embedding), else mean.</summary>
    Auto,
    /// <summary>Mean of the token states, padding excluded (sentence-transformers' default).</summary>
    Mean,
    /// <summary>The graph's rank-2 pooled output.</summary>
    Pooled,
    /// <summary>The first ([CLS]) token's state.</summary>
    Cls,
}

/// <summary>Options of <see cref="OnnxEmbeddingGenerator"/>.</summary>
public sealed record OnnxEmbeddingOptions
{
    /// <summary>The encoder file inside the folder.</summary>
    public string ModelFileName { get; init; } = "model.onnx";

    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.Auto;

    /// <summary>L2-normalise vectors (cosine similarity becomes a dot product).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Texts per Run.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Tokens per text, [CLS] and [SEP] included; longer texts are truncated.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Lower-case before WordPiece (uncased models). Null: from tokenizer_config.json do_lower_case, else true.</summary>
    public bool? LowerCase { get; init; }

    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;
}
