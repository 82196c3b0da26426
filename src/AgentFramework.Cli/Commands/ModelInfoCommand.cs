using System.CommandLine;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Onnx;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw model info DIR</c>: what was read from an ONNX Runtime GenAI model folder.</summary>
public static class ModelInfoCommand
{
    public static Command Create()
    {
        var folder = new Argument<string?>("dir") { Description = "Model folder (default: --model)", Arity = ArgumentArity.ZeroOrOne };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var runtime = new Option<string>("--runtime") { Description = "agentfw (default) or genai (ONNX Runtime GenAI)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AGENTFW_RUNTIME") ?? OnnxModel.AgentFwRuntime };
        var info = new Command("info",
            "Print what agentfw reads from an ONNX Runtime GenAI model folder: config, graph inputs, tokenizer, special ids, chat template.\n" +
            "Example: agentfw model info ../shared/data/onnx-tiny-models/tiny-random-LlamaForCausalLM-fp16");
        info.Arguments.Add(folder);
        info.Options.Add(device);
        info.Options.Add(runtime);
        CommandAction.Set(info, (parse, settings, _) =>
        {
            var dir = parse.GetValue(folder) ?? settings.Model
                ?? throw new InvalidOptionException("dir", "give a model folder: agentfw model info DIR (or --model DIR)");
            using var model = OnnxModel.Load(dir, ModelOptions.LocalModelOptions(parse) with { Device = parse.GetValue(device) ?? "cpu", Runtime = parse.GetValue(runtime) ?? OnnxModel.AgentFwRuntime });
            var report = ModelInfoReport.From(model);
            if (settings.Json) CliJson.Write(report);
            else report.Print(Console.Out);
            return Task.FromResult(ExitCodes.Success);
        });

        var model = new Command("model", "Inspect local ONNX models.\nExample: agentfw model info path/to/model-folder");
        model.Subcommands.Add(info);
        return model;
    }
}

/// <summary>The facts <c>agentfw model info</c> prints (also its --json shape).</summary>
public sealed record ModelInfoReport(
    string ModelId, string Folder, string ModelType, int ContextLength, string DecoderFile, long WeightBytes,
    int Layers, int? AttentionHeads, int? KeyValueHeads, int? HeadSize,
    string InputIdsType, bool HasPositionIds, bool HasAttentionMask, string PastLayout, string KvType, int GraphVocabulary,
    bool MultiTokenContinuation, string Tokenizer, int TokenizerVocabulary, int? BosTokenId, bool AddBos,
    IReadOnlyList<string> EosTokens, string ChatTemplate, string Device, int PrefillThreads, int DecodeThreads, IReadOnlyList<string> Notes,
    string ChatTemplateSource = "built-in", IReadOnlyList<string>? EosSources = null,
    long PrefixCacheBytes = 0, string PrefixCache = "off")
{
    public static ModelInfoReport From(OnnxModel m)
    {
        var c = m.Config; var s = m.Signature;
        return new ModelInfoReport(
            m.ModelId, m.Folder, c.ModelType, c.ContextLength, c.DecoderFileName, m.WeightBytes,
            c.NumHiddenLayers, c.NumAttentionHeads, c.NumKeyValueHeads, c.HeadSize,
            s.IdType.ToString().ToLowerInvariant(), s.PositionIds is not null, s.AttentionMask is not null,
            s.Layout == Onnx.Generation.PastLayout.Combined ? "combined past_%d [2,batch,heads,past,head_size]" : "per-layer key/value [batch,kv_heads,past,head_size]",
            s.KvType.ToString().ToLowerInvariant(), s.LogitsVocabularySize, m.Runner.SupportsMultiTokenContinuation,
            m.Tokenizer.Name, m.Tokenizer.VocabularySize, m.Tokenizer.BosId, m.Tokenizer.AddBos,
            m.Generator.EosIds.Order().Select(id => $"{id} {m.Tokenizer.AddedTokenContent(id) ?? m.Tokenizer.Decode([id], skipSpecial: false)}").ToArray(),
            m.ChatTemplate.Name, m.Device, m.PrefillThreads, m.DecodeThreads, m.Notes,
            m.ChatTemplate.Source,
            m.StopIds is { } stops ? stops.Sources.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}{(stops.Ids.Contains(kv.Key) ? "" : " (not used)")}").ToArray() : null,
            m.Generator.PrefixCache?.CapacityBytes ?? 0, PrefixCacheSizing.Describe(m.Generator.PrefixCache, s, c.ContextLength))
        { Runtime = m.Runtime, ExecutionProvider = m.ExecutionProvider };
    }

    /// <summary>Which engine ran the model: agentfw or genai (ONNX Runtime GenAI).</summary>
    public string Runtime { get; init; } = OnnxModel.AgentFwRuntime;

    /// <summary>The ONNX Runtime execution provider the decoder ran on (CPUExecutionProvider, CUDAExecutionProvider).</summary>
    public string ExecutionProvider { get; init; } = "CPUExecutionProvider";

    public void Print(TextWriter o)
    {
        o.WriteLine($"model:            {ModelId} ({ModelType})");
        o.WriteLine($"folder:           {Folder}");
        o.WriteLine($"context length:   {ContextLength} tokens");
        o.WriteLine($"decoder:          {DecoderFile} ({WeightBytes / 1024.0 / 1024.0:F1} MiB with external weights)");
        o.WriteLine($"layers/heads:     {Layers} layers, {AttentionHeads?.ToString() ?? "?"} heads, {KeyValueHeads?.ToString() ?? "?"} kv heads, head size {HeadSize?.ToString() ?? "?"}");
        o.WriteLine($"graph inputs:     input_ids {InputIdsType}, position_ids {(HasPositionIds ? "yes" : "no")}, attention_mask {(HasAttentionMask ? "yes" : "no")}");
        o.WriteLine($"kv cache:         {PastLayout}, {KvType}; chunked continuation {(MultiTokenContinuation ? "yes" : "no")}");
        o.WriteLine($"vocabulary:       graph {GraphVocabulary}, tokenizer {TokenizerVocabulary}");
        o.WriteLine($"tokenizer:        {Tokenizer}; BOS {BosTokenId?.ToString() ?? "none"}{(AddBos ? " (added to prompts)" : "")}");
        o.WriteLine($"end of sequence:  {(EosTokens.Count == 0 ? "none" : string.Join(", ", EosTokens))}");
        o.WriteLine($"chat template:    {ChatTemplate} ({ChatTemplateSource})");
        foreach (var source in EosSources ?? []) o.WriteLine($"eos id from:      {source}");
        o.WriteLine($"device:           {Device}, {PrefillThreads} prefill / {DecodeThreads} decode threads");
        o.WriteLine($"runtime:          {Runtime} on {ExecutionProvider}");
        o.WriteLine($"prefix cache:     {PrefixCache}");
        foreach (var note in Notes) o.WriteLine($"note:             {note}");
    }
}
