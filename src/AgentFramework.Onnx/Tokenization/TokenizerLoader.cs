using System.Text;
using System.Text.Json;
using AgentFramework.Errors;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// Loads a model folder's tokenizer, in order of preference: tokenizer.json (Hugging Face: byte-level BPE, or
/// SentencePiece-style BPE/Unigram with byte fallback), tokenizer.model (SentencePiece), vocab.json + merges.txt
/// (GPT-2 style BPE). Special tokens, BOS/EOS and the chat template come from tokenizer.json's added_tokens,
/// tokenizer_config.json and special_tokens_map.json.
/// </summary>
public static class TokenizerLoader
{
    public static ModelTokenizer Load(string folder)
    {
        try { return LoadUnchecked(folder); }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException or InvalidDataException)
        {
            // A structurally unexpected tokenizer file (missing field, wrong JSON type, bad protobuf).
            throw new ModelException(folder, $"{folder}: the tokenizer files could not be read ({e.Message.ReplaceLineEndings(" ")}); check tokenizer.json / tokenizer.model / vocab.json", e);
        }
    }

    private static ModelTokenizer LoadUnchecked(string folder)
    {
        var config = ReadJson(Path.Combine(folder, "tokenizer_config.json"));
        var specialMap = ReadJson(Path.Combine(folder, "special_tokens_map.json"));
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        var spmModel = Path.Combine(folder, "tokenizer.model");
        var vocabJson = Path.Combine(folder, "vocab.json");
        var mergesTxt = Path.Combine(folder, "merges.txt");

        var added = new List<AddedToken>();
        var whitespaceRuns = new List<AddedToken>();
        var scheme = PrefixSpaceScheme.Never;
        Tokenizer inner; string name; int baseVocab;
        if (File.Exists(tokenizerJson))
            (inner, name, baseVocab, scheme) = FromTokenizerJson(tokenizerJson, added, whitespaceRuns);
        else if (File.Exists(spmModel))
        {
            using var stream = File.OpenRead(spmModel);
            var spm = SentencePieceTokenizer.Create(stream, false, false);
            inner = spm; name = "sentencepiece (tokenizer.model)"; baseVocab = spm.Vocabulary.Count; scheme = PrefixSpaceScheme.Always;
        }
        else if (File.Exists(vocabJson) && File.Exists(mergesTxt))
        {
            using var vocab = File.OpenRead(vocabJson);
            using var merges = File.OpenRead(mergesTxt);
            var bpe = CodeGenTokenizer.Create(vocab, merges, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false);
            inner = bpe; name = "byte-level-bpe (vocab.json + merges.txt)"; baseVocab = bpe.Vocabulary.Count;
        }
        else throw new ModelException(folder, $"{folder}: no tokenizer found: expected tokenizer.json, tokenizer.model, or vocab.json + merges.txt");

        AddConfigAddedTokens(config, added);
        var addedById = added.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        int? IdOf(string? content)
        {
            if (content is null) return null;
            foreach (var t in addedById.Values) if (t.Content == content) return t.Id;
            var ids = inner.EncodeToIds(content, considerPreTokenization: false, considerNormalization: false);
            return ids.Count == 1 ? ids[0] : null;
        }
        var bosToken = TokenString(config, "bos_token") ?? TokenString(specialMap, "bos_token");
        var eosToken = TokenString(config, "eos_token") ?? TokenString(specialMap, "eos_token");
        var bosId = IdOf(bosToken);
        var eos = new List<int>();
        if (IdOf(eosToken) is { } eosId) eos.Add(eosId);
        // End-of-turn markers of chat models stop generation too (Llama 3 <|eot_id|>, ChatML <|im_end|>, Gemma <end_of_turn>, Phi-3 <|end|>).
        foreach (var marker in (string[])["<|eot_id|>", "<|im_end|>", "<end_of_turn>", "<|end|>", "<|endoftext|>"])
            if (addedById.Values.FirstOrDefault(t => t.Content == marker) is { } m && !eos.Contains(m.Id)) eos.Add(m.Id);
        bool addBos = config is { } c && c.TryGetProperty("add_bos_token", out var ab) ? ab.ValueKind == JsonValueKind.True
            : name.Contains("spm", StringComparison.Ordinal) || name.Contains("sentencepiece", StringComparison.Ordinal);

        return new ModelTokenizer(inner, name, baseVocab, addedById.Values, bosId, addBos, eos, ChatTemplateOf(config))
        {
            PrefixScheme = scheme,
            WhitespaceTokens = whitespaceRuns,
            EosToken = eosToken,
        };
    }

    private static (Tokenizer, string, int, PrefixSpaceScheme) FromTokenizerJson(string path, List<AddedToken> added, List<AddedToken> whitespaceRuns)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new ModelException(path, $"{path}: not valid JSON ({e.Message})", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
                foreach (var t in addedTokens.EnumerateArray())
                {
                    bool normalized = t.TryGetProperty("normalized", out var n) && n.ValueKind == JsonValueKind.True;
                    bool special = t.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
                    // Normalized, non-special added tokens (e.g. GPT-2's runs of spaces) are matched after normalisation
                    // by Hugging Face; we leave them to the base model instead of matching them verbatim.
                    if (special || !normalized) added.Add(ReadAddedToken(t.GetProperty("id").GetInt32(), t));
                    else if (t.GetProperty("content").GetString()!.All(char.IsWhiteSpace)) whitespaceRuns.Add(ReadAddedToken(t.GetProperty("id").GetInt32(), t));
                }
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
                throw new ModelException(path, $"{path}: the \"model\" section is missing");
            var type = model.TryGetProperty("type", out var ty) ? ty.GetString() : null;
            bool byteLevel = Mentions(root, "pre_tokenizer", "ByteLevel") || Mentions(root, "decoder", "ByteLevel");
            var (tokenizer, name, size) = type switch
            {
                "BPE" when byteLevel => ByteLevelBpe(model, path),
                "BPE" => SentencePieceStyle(root, model, path, bpe: true, added),
                "Unigram" => SentencePieceStyle(root, model, path, bpe: false, added),
                _ => throw new ModelException(path, $"{path}: tokenizer model type '{type}' is not supported for generation (supported: BPE, Unigram)"),
            };
            return (tokenizer, name, size, byteLevel ? PrefixSpaceScheme.Never : PrefixScheme(root));
        }
    }

    // GPT-2 / Qwen / Llama 3 style: hand vocab and merges to the GPT-2 byte-level BPE implementation.
    private static (Tokenizer, string, int) ByteLevelBpe(JsonElement model, string path)
    {
        var vocab = model.GetProperty("vocab");
        var vocabStream = new MemoryStream(Encoding.UTF8.GetBytes(vocab.GetRawText()));
        var merges = new StringBuilder("#version: 0.2\n");
        foreach (var (a, b) in Merges(model, path)) merges.Append(a).Append(' ').Append(b).Append('\n');
        var mergesStream = new MemoryStream(Encoding.UTF8.GetBytes(merges.ToString()));
        var tokenizer = CodeGenTokenizer.Create(vocabStream, mergesStream, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false);
        return (tokenizer, "byte-level-bpe (tokenizer.json)", tokenizer.Vocabulary.Count);
    }

    // Llama / Mistral / Gemma / Phi-3 style: write the vocabulary as a SentencePiece model and load that.
    private static (Tokenizer, string, int) SentencePieceStyle(JsonElement root, JsonElement model, string path, bool bpe, List<AddedToken> added)
    {
        var pieces = new List<(string, float)>();
        if (bpe)
        {
            var vocab = model.GetProperty("vocab").EnumerateObject().Select(p => (Piece: p.Name, Id: p.Value.GetInt32())).OrderBy(p => p.Id).ToList();
            for (int i = 0; i < vocab.Count; i++)
                if (vocab[i].Id != i) throw new ModelException(path, $"{path}: vocabulary ids are not dense (id {i} missing); cannot build a SentencePiece model");
            // SentencePiece BPE merges the pair whose result scores highest: score = -(rank of the merge producing it).
            var score = new Dictionary<string, float>(StringComparer.Ordinal);
            int rank = 0;
            foreach (var (a, b) in Merges(model, path)) score.TryAdd(a + b, -rank++);
            foreach (var (piece, id) in vocab) pieces.Add((piece, score.TryGetValue(piece, out var s) ? s : -1e9f - id));
        }
        else
        {
            foreach (var entry in model.GetProperty("vocab").EnumerateArray())
                pieces.Add((entry[0].GetString()!, entry[1].GetSingle()));
        }
        int unkId = model.TryGetProperty("unk_id", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt32()
            : model.TryGetProperty("unk_token", out var ut) && ut.ValueKind == JsonValueKind.String ? pieces.FindIndex(p => p.Item1 == ut.GetString()) : 0;
        if (unkId < 0) unkId = 0;
        bool byteFallback = model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True;
        var control = added.Where(t => t.Special && t.Id < pieces.Count).Select(t => t.Id).ToHashSet();
        int bos = pieces.FindIndex(p => p.Item1 is "<s>" or "<bos>"), eos = pieces.FindIndex(p => p.Item1 is "</s>" or "<eos>");
        bool dummyPrefix = Mentions(root, "normalizer", "Prepend") || Mentions(root, "pre_tokenizer", "Metaspace");
        var proto = SentencePieceModelBuilder.Build(pieces, bpe, byteFallback, unkId, bos < 0 ? unkId : bos, eos < 0 ? unkId : eos, control, dummyPrefix);
        Tokenizer tokenizer = bpe
            ? LlamaTokenizer.Create(new MemoryStream(proto), addBeginOfSentence: false, addEndOfSentence: false)
            : SentencePieceTokenizer.Create(new MemoryStream(proto), false, false);
        return (tokenizer, bpe ? "llama-spm-bpe (tokenizer.json)" : "spm-unigram (tokenizer.json)", pieces.Count);
    }

    private static IEnumerable<(string, string)> Merges(JsonElement model, string path)
    {
        if (!model.TryGetProperty("merges", out var merges) || merges.ValueKind != JsonValueKind.Array)
            throw new ModelException(path, $"{path}: model.merges is missing");
        foreach (var m in merges.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Array) yield return (m[0].GetString()!, m[1].GetString()!);
            else
            {
                var s = m.GetString()!;
                int space = s.IndexOf(' ', 1);
                if (space < 0) throw new ModelException(path, $"{path}: merge '{s}' is not 'a b'");
                yield return (s[..space], s[(space + 1)..]);
            }
        }
    }

    private static bool Mentions(JsonElement root, string section, string type) =>
        root.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.GetRawText().Contains($"\"{type}\"", StringComparison.Ordinal);

    private static void AddConfigAddedTokens(JsonElement? config, List<AddedToken> added)
    {
        if (config is not { } c || !c.TryGetProperty("added_tokens_decoder", out var decoder) || decoder.ValueKind != JsonValueKind.Object) return;
        foreach (var p in decoder.EnumerateObject())
        {
            if (!int.TryParse(p.Name, out var id) || added.Any(t => t.Id == id)) continue;
            bool special = p.Value.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
            bool normalized = p.Value.TryGetProperty("normalized", out var n) && n.ValueKind == JsonValueKind.True;
            if ((special || !normalized) && p.Value.TryGetProperty("content", out _)) added.Add(ReadAddedToken(id, p.Value));
        }
    }

    private static AddedToken ReadAddedToken(int id, JsonElement t)
    {
        bool Flag(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        return new AddedToken(id, t.GetProperty("content").GetString()!, Flag("special"), Flag("lstrip"), Flag("rstrip"), Flag("single_word"), Flag("normalized"));
    }

    // Hugging Face: a Prepend("▁") normalizer (legacy Llama) prefixes every piece between added tokens; a Metaspace
    // pre-tokenizer says it with prepend_scheme (first/always/never) or, in older files, add_prefix_space.
    private static PrefixSpaceScheme PrefixScheme(JsonElement root)
    {
        if (Mentions(root, "normalizer", "Prepend")) return PrefixSpaceScheme.Always;
        if (!Mentions(root, "pre_tokenizer", "Metaspace")) return PrefixSpaceScheme.Never;
        var text = root.GetProperty("pre_tokenizer").GetRawText();
        if (text.Contains("\"prepend_scheme\":\"first\"", StringComparison.Ordinal) || text.Contains("\"prepend_scheme\": \"first\"", StringComparison.Ordinal)) return PrefixSpaceScheme.First;
        if (text.Contains("\"never\"", StringComparison.Ordinal) || text.Contains("\"add_prefix_space\":false", StringComparison.Ordinal) || text.Contains("\"add_prefix_space\": false", StringComparison.Ordinal)) return PrefixSpaceScheme.Never;
        return PrefixSpaceScheme.Always;
    }

    private static string? TokenString(JsonElement? config, string key)
    {
        if (config is not { } c || !c.TryGetProperty(key, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var content) => content.GetString(),
            _ => null,
        };
    }

    private static string? ChatTemplateOf(JsonElement? config)
    {
        if (config is not { } c || !c.TryGetProperty("chat_template", out var t)) return null;
        if (t.ValueKind == JsonValueKind.String) return t.GetString();
        if (t.ValueKind == JsonValueKind.Array)
            foreach (var e in t.EnumerateArray())
                if (e.TryGetProperty("name", out var n) && n.GetString() == "default" && e.TryGetProperty("template", out var tt)) return tt.GetString();
        return null;
    }

    internal static JsonElement? ReadJson(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new ModelException(path, $"{path}: not valid JSON ({e.Message})", e); }
    }
}
