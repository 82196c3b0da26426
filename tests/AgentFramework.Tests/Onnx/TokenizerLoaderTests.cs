using System.Text.Json;
using AgentFramework.Onnx.Embeddings;
using AgentFramework.Onnx.Tokenization;

namespace AgentFramework.Tests.Onnx;

public sealed class TokenizerLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Unigram_tokenizer_json_segments_by_piece_scores_and_round_trips()
    {
        // A tiny T5-style Unigram vocabulary: whole words score better than their letters.
        (string, double)[] vocab =
        [
            ("<pad>", 0), ("</s>", 0), ("<unk>", 0), ("\u2581", -2), ("\u2581the", -1), ("\u2581whale", -1.5), ("\u2581w", -4),
            ("h", -4), ("a", -4), ("l", -4), ("e", -4), ("t", -4), ("s", -4),
        ];
        var json = new
        {
            added_tokens = new object[]
            {
                new { id = 0, content = "<pad>", special = true, normalized = false },
                new { id = 1, content = "</s>", special = true, normalized = false },
                new { id = 2, content = "<unk>", special = true, normalized = false },
            },
            normalizer = new { type = "Sequence", normalizers = new object[] { new { type = "Replace", pattern = new { String = " " }, content = "\u2581" } } },
            pre_tokenizer = new { type = "Metaspace", replacement = "\u2581", prepend_scheme = "always" },
            model = new { type = "Unigram", unk_id = 2, vocab = vocab.Select(v => new object[] { v.Item1, v.Item2 }).ToArray() },
        };
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), JsonSerializer.Serialize(json));
        File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"), """{ "eos_token": "</s>" }""");

        var tokenizer = TokenizerLoader.Load(_dir);
        Assert.Equal("spm-unigram (tokenizer.json)", tokenizer.Name);
        Assert.Equal([4, 5], tokenizer.Encode("the whale"));
        Assert.Equal([4, 5, 12], tokenizer.Encode("the whales"));
        Assert.Equal("the whales", tokenizer.Decode(tokenizer.Encode("the whales")));
        Assert.Equal([1], tokenizer.EosIds);
        Assert.Equal([4, 1], tokenizer.Encode("the</s>", parseSpecialTokens: true));
    }

    [Fact]
    public async Task Embedding_generator_reads_a_wordpiece_tokenizer_json_like_vocab_txt()
    {
        var withVocabTxt = TinyEncoderWriter.WriteFolder(Path.Combine(_dir, "a"));
        var withJson = TinyEncoderWriter.WriteFolder(Path.Combine(_dir, "b"));
        File.Delete(Path.Combine(withJson, "vocab.txt"));
        var vocab = TinyEncoderWriter.Vocabulary.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        File.WriteAllText(Path.Combine(withJson, "tokenizer.json"), JsonSerializer.Serialize(new { model = new { type = "WordPiece", unk_token = "[UNK]", vocab } }));
        using var a = OnnxEmbeddingGenerator.Load(withVocabTxt);
        using var b = OnnxEmbeddingGenerator.Load(withJson);
        var ea = await a.GenerateAsync(["Captain Ahab and the white whales."], cancellationToken: TestContext.Current.CancellationToken);
        var eb = await b.GenerateAsync(["Captain Ahab and the white whales."], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ea[0].Vector.ToArray(), eb[0].Vector.ToArray());
        Assert.Equal(ea.Usage!.InputTokenCount, eb.Usage!.InputTokenCount);
    }
}
