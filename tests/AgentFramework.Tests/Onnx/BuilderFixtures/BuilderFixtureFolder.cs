using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFramework.Onnx.Tokenization;

namespace AgentFramework.Tests.Onnx.BuilderFixtures;

/// <summary>
/// Writes a builder fixture as a model folder (model.onnx, genai_config.json as the builder writes it, a small
/// SentencePiece tokenizer.model) under the temp directory, once per fixture version: the graphs are deterministic,
/// so test runs and the benchmark program share them.
/// </summary>
internal static class BuilderFixtureFolder
{
    private const string Version = "v1";

    public static string Ensure(BuilderFixture fixture)
    {
        var root = Path.Combine(Path.GetTempPath(), "agentfw-builder-fixtures", Version);
        var folder = Path.Combine(root, fixture.Name);
        if (File.Exists(Path.Combine(folder, "genai_config.json"))) return folder;
        var staging = Path.Combine(root, $"{fixture.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        File.WriteAllBytes(Path.Combine(staging, "model.onnx"), BuilderFixtureWriter.Model(fixture));
        File.WriteAllBytes(Path.Combine(staging, "tokenizer.model"), Tokenizer(fixture));
        File.WriteAllText(Path.Combine(staging, "tokenizer_config.json"),
            """{"add_bos_token": true, "add_eos_token": false, "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"}""");
        File.WriteAllText(Path.Combine(staging, "genai_config.json"), GenAiConfig(fixture));
        try { Directory.Move(staging, folder); }
        catch (IOException) when (Directory.Exists(folder)) { Directory.Delete(staging, true); } // another process won
        return folder;
    }

    /// <summary>genai_config.json with the fields and defaults the builder writes (make_genai_config).</summary>
    public static string GenAiConfig(BuilderFixture f)
    {
        var inputs = new JsonObject { ["input_ids"] = "input_ids", ["attention_mask"] = "attention_mask" };
        if (f.HasPositionIds) inputs["position_ids"] = "position_ids";
        inputs["past_key_names"] = "past_key_values.%d.key";
        inputs["past_value_names"] = "past_key_values.%d.value";
        var config = new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["bos_token_id"] = f.BosTokenId,
                ["context_length"] = f.ContextLength,
                ["decoder"] = new JsonObject
                {
                    ["session_options"] = new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() },
                    ["filename"] = "model.onnx",
                    ["head_size"] = f.HeadSize,
                    ["hidden_size"] = f.Hidden,
                    ["inputs"] = inputs,
                    ["outputs"] = new JsonObject
                    {
                        ["logits"] = "logits",
                        ["present_key_names"] = "present.%d.key",
                        ["present_value_names"] = "present.%d.value",
                    },
                    ["num_attention_heads"] = f.Heads,
                    ["num_hidden_layers"] = f.Layers,
                    ["num_key_value_heads"] = f.KvHeads,
                },
                ["eos_token_id"] = f.EosTokenIds.Length == 1 ? JsonValue.Create(f.EosTokenIds[0]) : new JsonArray(f.EosTokenIds.Select(i => (JsonNode)i).ToArray()),
                ["pad_token_id"] = f.EosTokenIds[0],
                ["type"] = f.ModelType,
                ["vocab_size"] = f.VocabSize,
            },
            ["search"] = new JsonObject
            {
                ["diversity_penalty"] = 0.0, ["do_sample"] = false, ["early_stopping"] = true, ["length_penalty"] = 1.0,
                ["max_length"] = f.ContextLength, ["min_length"] = 0, ["no_repeat_ngram_size"] = 0, ["num_beams"] = 1,
                ["num_return_sequences"] = 1, ["past_present_share_buffer"] = true, ["repetition_penalty"] = 1.0,
                ["temperature"] = 1.0, ["top_k"] = 1, ["top_p"] = 1.0,
            },
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    // <unk> <s> </s>, the 256 byte pieces, letters and common pieces, then filler pieces up to the graph's vocabulary.
    private static byte[] Tokenizer(BuilderFixture f)
    {
        var pieces = new List<(string, float)> { ("<unk>", 0f), ("<s>", 0f), ("</s>", 0f) };
        for (int b = 0; b < 256; b++) pieces.Add(($"<0x{b:X2}>", 0f));
        var seen = new HashSet<string>();
        void Add(string piece) { if (seen.Add(piece)) pieces.Add((piece, -pieces.Count)); }
        foreach (var word in "the a of and to in is it that was he for on with as his at by whale ship sea call me ishmael".Split(' ')) Add("\u2581" + word);
        for (char c = 'a'; c <= 'z'; c++) { Add(c.ToString()); Add("\u2581" + c); }
        for (char c = 'A'; c <= 'Z'; c++) Add(c.ToString());
        foreach (var c in ".,;:!?'\"-0123456789") Add(c.ToString());
        Add("\u2581");
        while (pieces.Count < f.VocabSize) Add($"\u2581t{pieces.Count}");
        return SentencePieceModelBuilder.Build(pieces, bpe: true, byteFallback: true, unkId: 0, bosId: 1, eosId: 2, new HashSet<int> { 0, 1, 2 }, addDummyPrefix: true);
    }
}
