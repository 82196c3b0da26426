using AgentFramework.Errors;
using AgentFramework.Onnx;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>A broken model folder fails with one line naming the file or field.</summary>
public sealed class BrokenModelFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-broken-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CopyOf(string source)
    {
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)));
        return _dir;
    }

    private static void AssertOneLine(ModelException e, string mentions)
    {
        Assert.Contains(mentions, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_genai_config_is_named()
    {
        var e = Assert.Throws<ModelException>(() => OnnxModel.Load(_dir));
        AssertOneLine(e, "genai_config.json not found");
    }

    [Fact]
    public void Missing_decoder_file_is_named_with_the_config_field()
    {
        var dir = CopyOf(SharedData.TinyGpt2);
        File.Delete(Path.Combine(dir, "past.onnx"));
        var e = Assert.Throws<ModelException>(() => OnnxModel.Load(dir));
        AssertOneLine(e, "past.onnx not found (named by model.decoder.filename");
    }

    [Fact]
    public void Invalid_json_and_missing_fields_are_named()
    {
        var dir = CopyOf(SharedData.TinyGpt2);
        var config = Path.Combine(dir, "genai_config.json");
        File.WriteAllText(config, "{ \"model\": { \"type\": \"gpt2\" ");
        AssertOneLine(Assert.Throws<ModelException>(() => OnnxModel.Load(dir)), "not valid JSON");
        File.WriteAllText(config, "{ \"model\": { \"type\": \"gpt2\", \"decoder\": { \"filename\": \"past.onnx\", \"num_hidden_layers\": 5 } } }");
        AssertOneLine(Assert.Throws<ModelException>(() => OnnxModel.Load(dir)), "model.context_length is missing");
    }

    [Fact]
    public void Wrong_input_names_list_the_graph_inputs()
    {
        var dir = CopyOf(SharedData.TinyGpt2);
        var config = Path.Combine(dir, "genai_config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"past_%d\"", "\"cache_%d\""));
        var e = Assert.Throws<ModelException>(() => OnnxModel.Load(dir));
        AssertOneLine(e, "is not an input/output of the decoder graph (it has: input_ids");
    }

    [Fact]
    public void Missing_tokenizer_is_named()
    {
        var dir = CopyOf(SharedData.TinyGpt2);
        foreach (var f in new[] { "tokenizer.json", "vocab.json", "merges.txt" }) File.Delete(Path.Combine(dir, f));
        AssertOneLine(Assert.Throws<ModelException>(() => OnnxModel.Load(dir)), "no tokenizer found");
    }

    [Fact]
    public void Corrupt_onnx_file_is_a_model_error()
    {
        var dir = CopyOf(SharedData.TinyGpt2);
        File.WriteAllText(Path.Combine(dir, "past.onnx"), "not a protobuf");
        AssertOneLine(Assert.Throws<ModelException>(() => OnnxModel.Load(dir)), "ONNX Runtime could not load the decoder graph");
    }

    [Fact]
    public void Cuda_without_a_cuda_build_fails_with_one_line()
    {
        Assert.SkipWhen(Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"), "this ONNX Runtime build has CUDA");
        var e = Assert.Throws<ModelException>(() => OnnxModel.Load(SharedData.TinyGpt2, new OnnxModelOptions { Device = "cuda" }));
        AssertOneLine(e, "no CUDA support");
    }
}

public sealed class BrokenTokenizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-broken-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("{ \"model\": { \"type\": \"BPE\", \"vocab\": 5 } }")]
    [InlineData("{ \"added_tokens\": [ { \"content\": \"x\" } ], \"model\": { \"type\": \"BPE\" } }")]
    [InlineData("{ \"model\": { \"type\": \"WordLevel\" } }")]
    public void Malformed_tokenizer_json_is_a_one_line_model_error(string json)
    {
        foreach (var f in Directory.GetFiles(SharedData.TinyGpt2)) File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), json);
        var e = Assert.Throws<AgentFramework.Errors.ModelException>(() => AgentFramework.Onnx.OnnxModel.Load(_dir));
        Assert.Contains("tokenizer", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
