using System.Text.Json;
using AgentFramework.Onnx.Config;

namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// Every id generation stops on, and where each came from: genai_config.json model.eos_token_id (one id or a list),
/// generation_config.json eos_token_id (one or a list), the tokenizer's eos_token, and the end-of-turn markers the
/// tokenizer declares (&lt;|eot_id|&gt;, &lt;|im_end|&gt;, &lt;end_of_turn&gt;, &lt;|end|&gt;, ...). An id is left out only when it is the
/// tokenizer's BOS (the tiny Llama's genai_config says eos 1, which its tokenizer calls &lt;s&gt;): stopping on the start
/// token would end every reply at once. Each disagreement between the files is said in the notes.
/// </summary>
public sealed record StopIds(IReadOnlySet<int> Ids, IReadOnlyDictionary<int, IReadOnlyList<string>> Sources, IReadOnlyList<string> Notes)
{
    public const string GenerationConfigFile = "generation_config.json";

    public static StopIds Resolve(string folder, GenAiConfig config, ModelTokenizer tokenizer)
    {
        var sources = new SortedDictionary<int, List<string>>();
        var notes = new List<string>();
        void Add(int id, string source)
        {
            if (!sources.TryGetValue(id, out var list)) sources[id] = list = [];
            if (!list.Contains(source)) list.Add(source);
        }
        foreach (var id in config.EosTokenIds) Add(id, "genai_config.json");
        var generation = ReadIds(Path.Combine(folder, GenerationConfigFile), "eos_token_id");
        foreach (var id in generation) Add(id, GenerationConfigFile);
        foreach (var id in tokenizer.EosIds)
        {
            var content = tokenizer.AddedTokenContent(id) ?? tokenizer.Decode([id], skipSpecial: false);
            Add(id, content == tokenizer.EosToken ? $"tokenizer eos_token {content}" : $"tokenizer end-of-turn {content}");
        }

        var ids = new HashSet<int>();
        foreach (var (id, from) in sources)
        {
            if (tokenizer.BosId == id && !from.Any(f => f.StartsWith("tokenizer", StringComparison.Ordinal)))
            {
                notes.Add($"{string.Join(" and ", from)} eos_token_id {id} is the tokenizer's BOS '{tokenizer.AddedTokenContent(id) ?? "?"}': not used as a stop id (it would end every reply at once)");
                continue;
            }
            ids.Add(id);
        }
        static string FileOf(string source) => source.StartsWith("tokenizer", StringComparison.Ordinal) ? "tokenizer" : source;
        var perFile = sources.SelectMany(kv => kv.Value.Select(f => (File: FileOf(f), Id: kv.Key))).GroupBy(x => x.File)
            .Select(g => g.Select(x => x.Id).ToHashSet()).ToList();
        if (perFile.Count > 1 && perFile.Any(set => !set.SetEquals(perFile[0])))
            notes.Add($"the folder's files list different end-of-sequence ids; generation stops on all of them: {Describe(ids, sources)}");
        foreach (var id in config.BosTokenIds)
            if (tokenizer.BosId is { } bos && bos != id)
                notes.Add($"genai_config.json bos_token_id {id} differs from the tokenizer's BOS {bos}; prompts start with {bos}");
        return new StopIds(ids, sources.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value), notes);
    }

    public static string Describe(IEnumerable<int> ids, IDictionary<int, List<string>> sources) =>
        string.Join("; ", ids.Order().Select(id => $"{id} ({string.Join(", ", sources[id])})"));

    /// <summary>An integer or a list of integers under <paramref name="key"/> in a JSON file; empty when absent.</summary>
    private static IReadOnlyList<int> ReadIds(string path, string key)
    {
        if (!File.Exists(path)) return [];
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (!doc.RootElement.TryGetProperty(key, out var v)) return [];
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var one)) return [one];
            if (v.ValueKind == JsonValueKind.Array) return v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32()).ToArray();
            return [];
        }
        catch (JsonException e) { throw new AgentFramework.Errors.ModelException(path, $"{path}: not valid JSON ({e.Message})", e); }
    }
}
