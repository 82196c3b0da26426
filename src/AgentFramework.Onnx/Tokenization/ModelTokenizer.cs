using System.Text;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// A model folder's tokenizer: the base algorithm (Microsoft.ML.Tokenizers) plus the added/special tokens, BOS/EOS
/// and chat template the tokenizer files declare. Special tokens are recognised only in text the caller marks as
/// control text (chat-template scaffolding), never inside message content: documents cannot forge chat markers.
/// </summary>
public sealed class ModelTokenizer
{
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly AddedToken[] _addedLongestFirst;

    public ModelTokenizer(Tokenizer inner, string name, int baseVocabularySize, IEnumerable<AddedToken> addedTokens,
        int? bosId, bool addBos, IReadOnlyList<int> eosIds, string? chatTemplateSource)
    {
        Inner = inner;
        Name = name;
        _addedById = addedTokens.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        _addedLongestFirst = _addedById.Values.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length).ToArray();
        VocabularySize = Math.Max(baseVocabularySize, _addedById.Count == 0 ? 0 : _addedById.Keys.Max() + 1);
        BosId = bosId;
        AddBos = addBos && bosId is not null;
        EosIds = eosIds;
        ChatTemplateSource = chatTemplateSource;
    }

    /// <summary>The Microsoft.ML.Tokenizers tokenizer for plain text (no special tokens, no BOS).</summary>
    public Tokenizer Inner { get; }

    /// <summary>e.g. "llama-spm-bpe (tokenizer.json)".</summary>
    public string Name { get; }

    /// <summary>Number of ids the tokenizer can produce (base vocabulary plus added tokens).</summary>
    public int VocabularySize { get; }

    public int? BosId { get; }

    /// <summary>Whether prompts start with BOS (tokenizer_config.json add_bos_token).</summary>
    public bool AddBos { get; }

    /// <summary>End-of-sequence ids the tokenizer files declare (eos_token, and added end-of-turn markers).</summary>
    public IReadOnlyList<int> EosIds { get; }

    /// <summary>Where the "▁" prefix space goes for SentencePiece-style tokenizers (Never for byte-level BPE).</summary>
    public PrefixSpaceScheme PrefixScheme { get; init; }

    /// <summary>Normalized, non-special added tokens made only of whitespace (GPT-2's runs of spaces and tabs).</summary>
    public IReadOnlyList<AddedToken> WhitespaceTokens { get; init; } = [];

    /// <summary>The eos_token string tokenizer_config.json names (e.g. "&lt;|endoftext|&gt;").</summary>
    public string? EosToken { get; init; }

    /// <summary>tokenizer_config.json chat_template (Jinja source), used only to recognise the model family.</summary>
    public string? ChatTemplateSource { get; }

    public IReadOnlyCollection<AddedToken> AddedTokens => _addedById.Values;

    public int? TokenToId(string token)
    {
        foreach (var t in _addedLongestFirst) if (t.Content == token) return t.Id;
        var ids = Inner.EncodeToIds(token);
        return ids.Count == 1 ? ids[0] : null;
    }

    public string? AddedTokenContent(int id) => _addedById.TryGetValue(id, out var t) ? t.Content : null;

    /// <summary>Encodes plain text: special-token strings in it are ordinary text.</summary>
    public void EncodeText(string text, List<int> into)
    {
        if (text.Length > 0) into.AddRange(Inner.EncodeToIds(text));
    }

    /// <summary>Encodes control text (template scaffolding), recognising added/special tokens verbatim.</summary>
    public void EncodeControl(string text, List<int> into)
    {
        int start = 0;
        while (start < text.Length)
        {
            int best = -1; AddedToken? bestToken = null;
            foreach (var token in _addedLongestFirst)
            {
                int at = text.IndexOf(token.Content, start, StringComparison.Ordinal);
                if (at >= 0 && (best < 0 || at < best)) { best = at; bestToken = token; }
            }
            if (bestToken is null) { EncodeText(text[start..], into); return; }
            if (best > start) EncodeText(text[start..best], into);
            into.Add(bestToken.Id);
            start = best + bestToken.Content.Length;
        }
    }

    public int[] Encode(string text, bool parseSpecialTokens = false)
    {
        var ids = new List<int>();
        if (parseSpecialTokens) EncodeControl(text, ids); else EncodeText(text, ids);
        return [.. ids];
    }

    /// <summary>Decodes ids; special tokens are dropped unless <paramref name="skipSpecial"/> is false.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecial = true)
    {
        var text = new StringBuilder();
        var run = new List<int>();
        void Flush()
        {
            if (run.Count == 0) return;
            text.Append(Inner.Decode(run));
            run.Clear();
        }
        foreach (var id in ids)
        {
            if (_addedById.TryGetValue(id, out var added))
            {
                Flush();
                if (!added.Special || !skipSpecial) text.Append(added.Content);
            }
            else if (id >= 0 && id < VocabularySize) run.Add(id);
        }
        Flush();
        return text.ToString();
    }
}
