using AgentFramework.Onnx.Tokenization;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Turns a growing list of token ids into text pieces. Decodes a short window (tokens since the last emitted piece)
/// and emits only the new suffix, holding back while the window ends in an incomplete UTF-8 sequence (U+FFFD), so
/// multi-token characters and SentencePiece's leading-space rule come out right.
/// </summary>
internal sealed class StreamingDetokenizer(ModelTokenizer tokenizer)
{
    private readonly List<int> _ids = [];
    private int _prefixOffset;
    private int _readOffset;

    public string Push(int id)
    {
        _ids.Add(id);
        var ids = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids);
        var prefix = tokenizer.Decode(ids[_prefixOffset.._readOffset]);
        var full = tokenizer.Decode(ids[_prefixOffset..]);
        if (full.Length <= prefix.Length || full.EndsWith('\uFFFD') || !full.StartsWith(prefix, StringComparison.Ordinal)) return "";
        _prefixOffset = _readOffset;
        _readOffset = _ids.Count;
        return full[prefix.Length..];
    }

    /// <summary>Whatever is still held back (an incomplete character at the end).</summary>
    public string Flush()
    {
        var ids = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids);
        var prefix = tokenizer.Decode(ids[_prefixOffset.._readOffset]);
        var full = tokenizer.Decode(ids[_prefixOffset..]);
        _prefixOffset = _readOffset = _ids.Count;
        return full.Length > prefix.Length && full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : "";
    }
}
