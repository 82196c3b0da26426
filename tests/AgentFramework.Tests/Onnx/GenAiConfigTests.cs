using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Onnx.Config;

namespace AgentFramework.Tests.Onnx;

public sealed class GenAiConfigTests
{
    private static GenAiConfig Parse(string json) => GenAiConfig.Parse(JsonDocument.Parse(json).RootElement, "genai_config.json");

    [Fact]
    public void Reads_phi3_style_config_with_eos_list_and_search_defaults()
    {
        var config = Parse("""
        { "model": { "type": "phi3", "context_length": 4096, "vocab_size": 32064, "bos_token_id": 1, "eos_token_id": [32007, 32001, 32000], "pad_token_id": 32000,
            "decoder": { "filename": "phi3-mini.onnx", "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 32, "head_size": 96, "hidden_size": 3072,
                         "inputs": { "input_ids": "input_ids", "attention_mask": "attention_mask", "past_key_names": "past_key_values.%d.key", "past_value_names": "past_key_values.%d.value" },
                         "outputs": { "logits": "logits", "present_key_names": "present.%d.key", "present_value_names": "present.%d.value" } } },
          "search": { "do_sample": true, "max_length": 4096, "temperature": 0.7, "top_k": 40, "top_p": 0.9, "repetition_penalty": 1.1 } }
        """);
        Assert.Equal("phi3", config.ModelType);
        Assert.Equal(4096, config.ContextLength);
        Assert.Equal([32007, 32001, 32000], config.EosTokenIds);
        Assert.Equal(32000, config.PadTokenId);
        Assert.Equal("phi3-mini.onnx", config.DecoderFileName);
        Assert.Equal("past_key_values.%d.key", config.Names.PastKey);
        Assert.True(config.Search.DoSample);
        Assert.Equal(40, config.Search.TopK);
        Assert.Equal(0.7f, config.Search.Temperature);
    }

    [Theory]
    [InlineData("{}", "model is missing")]
    [InlineData("""{ "model": { "type": "llama", "context_length": 10 } }""", "model.decoder is missing")]
    [InlineData("""{ "model": { "type": "llama", "context_length": "big", "decoder": { "filename": "m.onnx", "num_hidden_layers": 2 } } }""", "model.context_length must be an integer")]
    [InlineData("""{ "model": { "type": "llama", "context_length": 10, "decoder": { "num_hidden_layers": 2 } } }""", "model.decoder.filename is missing")]
    [InlineData("""{ "model": { "context_length": 10, "decoder": { "filename": "m.onnx", "num_hidden_layers": 2 } } }""", "model.type is missing")]
    [InlineData("""{ "model": { "type": "llama", "context_length": 10, "eos_token_id": "x", "decoder": { "filename": "m.onnx", "num_hidden_layers": 2 } } }""", "model.eos_token_id must be an integer")]
    public void Broken_configs_name_the_field(string json, string expected)
    {
        var e = Assert.Throws<ModelException>(() => Parse(json));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("genai_config.json: ", e.Message);
    }
}
