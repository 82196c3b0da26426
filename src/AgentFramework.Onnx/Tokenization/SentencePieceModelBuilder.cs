namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// Writes a SentencePiece ModelProto (the tokenizer.model format) from a Hugging Face tokenizer.json vocabulary, so
/// that SentencePiece-style tokenizers exported only as tokenizer.json (Llama, Mistral, Gemma, Phi-3) run on
/// Microsoft.ML.Tokenizers' SentencePiece implementation, byte fallback included.
/// </summary>
internal static class SentencePieceModelBuilder
{
    // sentencepiece_model.proto: SentencePiece.Type
    private const int Normal = 1, Unknown = 2, Control = 3, Byte = 6;

    /// <param name="pieces">Pieces in id order (dense ids 0..n-1) with their scores.</param>
    public static byte[] Build(IReadOnlyList<(string Piece, float Score)> pieces, bool bpe, bool byteFallback,
        int unkId, int bosId, int eosId, IReadOnlySet<int> controlIds, bool addDummyPrefix)
    {
        var model = new ProtobufWriter();
        for (int id = 0; id < pieces.Count; id++)
        {
            var (piece, score) = pieces[id];
            int type = id == unkId ? Unknown
                : controlIds.Contains(id) ? Control
                : byteFallback && IsBytePiece(piece) ? Byte
                : Normal;
            model.Message(1, new ProtobufWriter().String(1, piece).Float(2, score).Varint(3, type));
        }
        var trainer = new ProtobufWriter()
            .Varint(3, bpe ? 2 : 1)           // model_type: UNIGRAM = 1, BPE = 2
            .Bool(35, byteFallback)           // byte_fallback
            .Varint(40, unkId)                // unk_id
            .Varint(41, bosId)                // bos_id (added by our own layer, never by SentencePiece)
            .Varint(42, eosId)                // eos_id
            .Varint(43, -1);                  // pad_id
        var normalizer = new ProtobufWriter()
            .String(1, "identity")
            .Bool(3, addDummyPrefix)          // add_dummy_prefix
            .Bool(4, false)                   // remove_extra_whitespaces
            .Bool(5, true);                   // escape_whitespaces
        model.Message(2, trainer).Message(3, normalizer);
        return model.ToArray();
    }

    public static bool IsBytePiece(string piece) =>
        piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>' && Uri.IsHexDigit(piece[3]) && Uri.IsHexDigit(piece[4]);
}
