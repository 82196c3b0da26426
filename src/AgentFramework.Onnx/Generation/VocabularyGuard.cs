namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Keeps token ids inside the graph's vocabulary. Some test exports (hf-internal-testing tiny GPT-2) pair a
/// 50,257-token tokenizer with a 1,000-row embedding and 1,000 logits: feeding a larger id would index past the
/// embedding table. When the graph's logits dimension is smaller than the tokenizer's vocabulary, ids are mapped with
/// id % graphVocabulary before they enter the model. For every real export the sizes agree and ids pass unchanged.
/// </summary>
public sealed class VocabularyGuard(int graphVocabularySize, int tokenizerVocabularySize)
{
    public int GraphVocabularySize { get; } = graphVocabularySize;

    public int TokenizerVocabularySize { get; } = tokenizerVocabularySize;

    /// <summary>True when ids are being remapped (the graph's vocabulary is smaller than the tokenizer's).</summary>
    public bool IsRemapping => GraphVocabularySize < TokenizerVocabularySize;

    public int Map(int id) => (uint)id < (uint)GraphVocabularySize ? id : (int)((uint)id % (uint)GraphVocabularySize);
}
