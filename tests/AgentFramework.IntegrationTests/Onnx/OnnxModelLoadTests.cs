using AgentFramework.Onnx;
using AgentFramework.Onnx.Generation;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Onnx;

public sealed class OnnxModelLoadTests
{
    [Fact]
    public void TinyLlama_loads_config_tokenizer_and_graph_signature()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        Assert.Equal("tiny-random-LlamaForCausalLM-fp16", model.ModelId);
        Assert.Equal(2048, model.ContextLength);
        Assert.Equal(PastLayout.PerLayerKeyValue, model.Signature.Layout);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16, model.Signature.KvType);
        Assert.Equal(4, model.Signature.PastNames.Count);
        Assert.NotNull(model.Signature.PositionIds);
        Assert.Equal(32000, model.Signature.LogitsVocabularySize);
        Assert.Equal("llama-spm-bpe (tokenizer.json)", model.TokenCounter.Name);
        Assert.Equal(1, model.Tokenizer.BosId);
        Assert.Contains(2, model.Generator.EosIds);
        Assert.DoesNotContain(1, model.Generator.EosIds); // genai_config says eos=1, which the tokenizer calls <s>
        Assert.False(model.VocabularyGuard.IsRemapping);
        Assert.Equal("model", model.ChatTemplate.Name);   // the folder's own Llama-2 template, rendered by our Jinja interpreter
        Assert.Equal("tokenizer_config.json chat_template", model.ChatTemplate.Source);
        Assert.Equal(model.ModelId, model.Profile.ModelId);
    }

    [Fact]
    public void TinyLlama_tokenizer_matches_sentencepiece_reference_ids()
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        // Reference ids from Hugging Face's LlamaTokenizer (Llama 2 vocabulary): "Hello world" -> ▁Hello ▁world.
        Assert.Equal([15043, 3186], model.Tokenizer.Encode("Hello world"));
        Assert.Equal("Hello world", model.Tokenizer.Decode([15043, 3186]));
        var ids = model.Tokenizer.Encode("Call me Ishmael. Some years ago — naïve 🐳");
        Assert.Equal("Call me Ishmael. Some years ago — naïve 🐳", model.Tokenizer.Decode(ids));
    }

    [Fact]
    public void TinyGpt2_loads_combined_past_int32_inputs_and_remaps_vocabulary()
    {
        using var model = OnnxModel.Load(SharedData.TinyGpt2);
        Assert.Equal(512, model.ContextLength);
        Assert.Equal(PastLayout.Combined, model.Signature.Layout);
        Assert.Equal(5, model.Signature.PastNames.Count);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int32, model.Signature.IdType);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, model.Signature.KvType);
        Assert.Equal(1000, model.Signature.LogitsVocabularySize);
        Assert.True(model.VocabularyGuard.IsRemapping);
        Assert.Equal(50256 % 1000, model.VocabularyGuard.Map(50256));
        Assert.Equal("byte-level-bpe (tokenizer.json)", model.TokenCounter.Name);
        // GPT-2 reference ids: "Hello world" -> [15496, 995].
        Assert.Equal([15496, 995], model.Tokenizer.Encode("Hello world"));
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("gpt2")]
    public async Task Both_models_generate_text_with_usage(string which)
    {
        using var model = OnnxModel.Load(which == "llama" ? SharedData.TinyLlama : SharedData.TinyGpt2);
        using var client = new OnnxChatClient(model);
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Call me Ishmael.")],
            new ChatOptions { MaxOutputTokens = 12 }, TestContext.Current.CancellationToken);
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage!.InputTokenCount > 3);
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 1, 12);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Equal(model.ModelId, response.ModelId);
        Assert.False(string.IsNullOrEmpty(response.Text));
    }
}

public sealed class TokenizerFallbackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Sample = "Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse.";

    [Fact]
    public void Vocab_json_and_merges_txt_give_the_same_ids_as_tokenizer_json()
    {
        foreach (var f in Directory.GetFiles(SharedData.TinyGpt2)) File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)));
        var expected = AgentFramework.Onnx.Tokenization.TokenizerLoader.Load(SharedData.TinyGpt2).Encode(Sample);
        File.Delete(Path.Combine(_dir, "tokenizer.json"));
        var fallback = AgentFramework.Onnx.Tokenization.TokenizerLoader.Load(_dir);
        Assert.Equal("byte-level-bpe (vocab.json + merges.txt)", fallback.Name);
        Assert.Equal(expected, fallback.Encode(Sample));
    }

    [Fact]
    public void Tokenizer_model_gives_the_same_ids_as_tokenizer_json()
    {
        // Write the SentencePiece model we build from tokenizer.json as tokenizer.model and load the folder without tokenizer.json.
        foreach (var f in Directory.GetFiles(SharedData.TinyLlama).Where(f => !f.EndsWith(".onnx.data", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)));
        var fromJson = AgentFramework.Onnx.Tokenization.TokenizerLoader.Load(SharedData.TinyLlama);
        var spm = (Microsoft.ML.Tokenizers.SentencePieceTokenizer)fromJson.Inner;
        Assert.True(spm.ByteFallback);
        File.Delete(Path.Combine(_dir, "tokenizer.json"));
        File.WriteAllBytes(Path.Combine(_dir, "tokenizer.model"), SentencePieceFromJson(SharedData.TinyLlama));
        var fromModel = AgentFramework.Onnx.Tokenization.TokenizerLoader.Load(_dir);
        Assert.Equal("sentencepiece (tokenizer.model)", fromModel.Name);
        Assert.Equal(fromJson.Encode(Sample + " 🐳"), fromModel.Encode(Sample + " 🐳"));
        Assert.Equal(1, fromModel.BosId);
    }

    private static byte[] SentencePieceFromJson(string folder)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "tokenizer.json")));
        var model = doc.RootElement.GetProperty("model");
        var vocab = model.GetProperty("vocab").EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name).ToList();
        var rank = new Dictionary<string, float>();
        int r = 0;
        foreach (var m in model.GetProperty("merges").EnumerateArray()) rank.TryAdd(m[0].GetString() + m[1].GetString(), -r++);
        var pieces = vocab.Select((p, id) => (p, rank.TryGetValue(p, out var s) ? s : -1e9f - id)).ToList();
        return AgentFramework.Onnx.Tokenization.SentencePieceModelBuilder.Build(pieces, bpe: true, byteFallback: true, unkId: 0, bosId: 1, eosId: 2, new HashSet<int> { 0, 1, 2 }, addDummyPrefix: true);
    }
}
