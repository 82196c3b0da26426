using System.Text.Json;
using AgentFramework.Onnx;
using AgentFramework.Onnx.Generation;
using AgentFramework.Onnx.Tokenization;

namespace AgentFramework.Tests.Onnx;

/// <summary>
/// A tiny decoder graph whose next token is a fixed function of the current one (logits = Gather(table, input_ids)),
/// so a prompt walks a known chain to a chosen end-of-sequence id: genai_config.json's second eos id, generation_config.json's
/// eos id, or the tokenizer's eos. Generation must stop on each of them.
/// </summary>
public sealed class StopIdTests : IDisposable
{
    private const int Vocab = 16;
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-stop-ids-").FullName;

    // next[id]: 5→6→11 (genai's second eos), 7→12 (generation_config's), 8→2 (tokenizer's </s>), 3→4→3 (never stops).
    private static readonly int[] Next = [3, 3, 3, 4, 3, 6, 11, 12, 2, 3, 3, 3, 3, 3, 3, 3];

    public StopIdTests() => WriteFolder(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(5, new[] { 6 })]   // then 11: genai_config.json's second eos id (also in generation_config.json)
    [InlineData(7, new int[0])]    // then 12: generation_config.json's only
    [InlineData(8, new int[0])]    // then 2: the tokenizer's </s>
    public async Task Generation_stops_on_every_listed_eos_id(int start, int[] expected)
    {
        using var model = OnnxModel.Load(_dir);
        Assert.Equal([2, 10, 11, 12], model.Generator.EosIds.Order());
        var stats = new GenerationStats();
        var tokens = new List<int>();
        await foreach (var t in model.Generator.GenerateAsync([start], new GenerationRequest { MaxNewTokens = 10 }, stats, TestContext.Current.CancellationToken))
            tokens.Add(t);
        // The eos token ends generation and is not part of the reply.
        Assert.Equal(expected, tokens);
        Assert.Equal(GenerationFinishReason.EndOfSequence, stats.FinishReason);
    }

    [Fact]
    public async Task A_chain_without_eos_runs_to_the_token_limit()
    {
        using var model = OnnxModel.Load(_dir);
        var stats = new GenerationStats();
        var tokens = new List<int>();
        await foreach (var t in model.Generator.GenerateAsync([3], new GenerationRequest { MaxNewTokens = 6 }, stats, TestContext.Current.CancellationToken))
            tokens.Add(t);
        Assert.Equal([4, 3, 4, 3, 4, 3], tokens);
        Assert.Equal(GenerationFinishReason.Length, stats.FinishReason);
    }

    [Fact]
    public void Sources_and_disagreements_are_explained()
    {
        using var model = OnnxModel.Load(_dir);
        var stops = model.StopIds!;
        Assert.Equal(["genai_config.json"], stops.Sources[10]);
        Assert.Equal(["genai_config.json", "generation_config.json"], stops.Sources[11]);
        Assert.Equal(["generation_config.json"], stops.Sources[12]);
        Assert.Contains("tokenizer eos_token </s>", stops.Sources[2]);
        Assert.False(stops.Ids.Contains(1));
        Assert.Contains(model.Notes, n => n.Contains("eos_token_id 1 is the tokenizer's BOS", StringComparison.Ordinal));
        Assert.Contains(model.Notes, n => n.Contains("list different end-of-sequence ids", StringComparison.Ordinal));
    }

    private static void WriteFolder(string dir)
    {
        var genai = new
        {
            model = new
            {
                type = "llama", context_length = 64, vocab_size = Vocab, bos_token_id = 1, eos_token_id = new[] { 10, 11, 1 }, pad_token_id = 0,
                decoder = new { filename = "model.onnx", num_hidden_layers = 1, num_attention_heads = 1, num_key_value_heads = 1, head_size = 4, hidden_size = 4 },
            },
            search = new { max_length = 64 },
        };
        File.WriteAllText(Path.Combine(dir, "genai_config.json"), JsonSerializer.Serialize(genai));
        File.WriteAllText(Path.Combine(dir, "generation_config.json"), """{ "bos_token_id": 1, "eos_token_id": [12, 11] }""");
        string[] pieces = ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, Vocab - 3).Select(i => "\u2581" + (char)('a' + i))];
        var tokenizer = new
        {
            added_tokens = new object[]
            {
                new { id = 0, content = "<unk>", special = true, normalized = false },
                new { id = 1, content = "<s>", special = true, normalized = false },
                new { id = 2, content = "</s>", special = true, normalized = false },
            },
            pre_tokenizer = new { type = "Metaspace", replacement = "\u2581", prepend_scheme = "always" },
            model = new { type = "Unigram", unk_id = 0, vocab = pieces.Select(p => new object[] { p, -1.0 }).ToArray() },
        };
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), JsonSerializer.Serialize(tokenizer));
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), """{ "bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true }""");
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), TinyChainDecoderWriter.Model(Next, Vocab));
    }
}

/// <summary>
/// Writes a one-layer decoder graph: logits[b,s,:] = table[input_ids[b,s]] (a one-hot-ish row favouring next[id]);
/// present.0.key/value = Concat(past, Transpose(Gather(kv, input_ids))) so the KV cache grows as a real one does.
/// </summary>
internal static class TinyChainDecoderWriter
{
    public static byte[] Model(int[] next, int vocab)
    {
        var table = new float[vocab * vocab];
        for (int i = 0; i < vocab; i++) table[i * vocab + next[i]] = 10f;
        var kv = Enumerable.Range(0, vocab * 4).Select(i => (float)(i % 7) / 7f).ToArray();
        var graph = new ProtobufWriter()
            .Message(1, TinyEncoderWriter.Node("Gather", ["table", "input_ids"], ["logits"]))
            .Message(1, TinyEncoderWriter.Node("Gather", ["kv", "input_ids"], ["kv_rows"]))                       // [b, s, 1, 4]
            .Message(1, TinyEncoderWriter.Node("Transpose", ["kv_rows"], ["kv_new"]).Message(5, Ints("perm", [0, 2, 1, 3])))
            .Message(1, TinyEncoderWriter.Node("Concat", ["past_key_values.0.key", "kv_new"], ["present.0.key"]).Message(5, Int("axis", 2)))
            .Message(1, TinyEncoderWriter.Node("Concat", ["past_key_values.0.value", "kv_new"], ["present.0.value"]).Message(5, Int("axis", 2)))
            .String(2, "tiny-chain-decoder")
            .Message(5, TinyEncoderWriter.FloatTensor("table", [vocab, vocab], table))
            .Message(5, TinyEncoderWriter.FloatTensor("kv", [vocab, 1, 4], kv))
            .Message(11, TinyEncoderWriter.Value("input_ids", 7, ["batch", "sequence"]))
            .Message(11, TinyEncoderWriter.Value("attention_mask", 7, ["batch", "total"]))
            .Message(11, TinyEncoderWriter.Value("past_key_values.0.key", 1, ["batch", 1, "past", 4]))
            .Message(11, TinyEncoderWriter.Value("past_key_values.0.value", 1, ["batch", 1, "past", 4]))
            .Message(12, TinyEncoderWriter.Value("logits", 1, ["batch", "sequence", vocab]))
            .Message(12, TinyEncoderWriter.Value("present.0.key", 1, ["batch", 1, "total", 4]))
            .Message(12, TinyEncoderWriter.Value("present.0.value", 1, ["batch", 1, "total", 4]));
        return new ProtobufWriter()
            .Varint(1, 8)
            .String(2, "agentfw-tests")
            .Message(7, graph)
            .Message(8, new ProtobufWriter().String(1, "").Varint(2, 13))
            .ToArray();
    }


    // AttributeProto: name=1, i=3, ints=8, type=20 (INT=2, INTS=7)
    private static ProtobufWriter Int(string name, long value) => new ProtobufWriter().String(1, name).Varint(3, value).Varint(20, 2);

    private static ProtobufWriter Ints(string name, long[] values)
    {
        var a = new ProtobufWriter().String(1, name);
        foreach (var v in values) a.Varint(8, v);
        return a.Varint(20, 7);
    }
}
