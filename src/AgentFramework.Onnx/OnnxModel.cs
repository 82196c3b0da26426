using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Onnx.Chat;
using AgentFramework.Onnx.Config;
using AgentFramework.Onnx.GenAi;
using AgentFramework.Onnx.Generation;
using AgentFramework.Onnx.Tokenization;
using AgentFramework.Tokens;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Onnx;

/// <summary>
/// An ONNX Runtime GenAI model folder loaded for generation: genai_config.json, the tokenizer, the decoder session(s)
/// and what was learned from the graph itself. One instance is shared by all callers; generation through it is
/// serialised by <see cref="OnnxChatClient"/>.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private OnnxModel(string folder, GenAiConfig config, ModelTokenizer tokenizer, DecoderRunner runner, TokenGenerator generator,
        ChatTemplate chatTemplate, IReadOnlyList<string> notes, string device, int prefillThreads, int decodeThreads, long weightBytes)
    {
        Folder = folder;
        ModelId = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        Config = config;
        Tokenizer = tokenizer;
        Runner = runner;
        Generator = generator;
        ChatTemplate = chatTemplate;
        Notes = notes;
        Device = device;
        PrefillThreads = prefillThreads;
        DecodeThreads = decodeThreads;
        WeightBytes = weightBytes;
        TokenCounter = new TokenizerTokenCounter(tokenizer.Inner, tokenizer.Name);
        Profile = new ModelProfile(ModelId, ContextLength, TokenCounter);
    }

    public string Folder { get; }

    /// <summary>The folder name.</summary>
    public string ModelId { get; }

    public GenAiConfig Config { get; }

    public int ContextLength => Config.ContextLength;

    public ModelTokenizer Tokenizer { get; }

    public ITokenCounter TokenCounter { get; }

    public ModelProfile Profile { get; }

    public ChatTemplate ChatTemplate { get; }

    /// <summary>The end-of-sequence ids and the files that list each (model info explains them).</summary>
    public StopIds? StopIds { get; private init; }

    public DecoderSignature Signature => Runner.Signature;

    public DecoderRunner Runner { get; }

    public TokenGenerator Generator { get; }

    /// <summary>Things worth telling the user about the folder (mismatched ids, remapped vocabulary).</summary>
    public IReadOnlyList<string> Notes { get; }

    public string Device { get; }

    public int PrefillThreads { get; }

    public int DecodeThreads { get; }

    /// <summary>Size of the decoder file plus its external weight files.</summary>
    public long WeightBytes { get; }

    public VocabularyGuard VocabularyGuard => Runner.Guard;

    /// <summary>
    /// Held while a generation runs: the decoder, its KV buffers and the sampler state are single-threaded, so every
    /// client sharing this model (chat clients, the server) generates one request at a time.
    /// </summary>
    public SemaphoreSlim GenerationGate { get; } = new(1, 1);

    public static OnnxModel Load(string folder, OnnxModelOptions? options = null)
    {
        options ??= new OnnxModelOptions();
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder)) throw new ModelException(folder, $"{folder}: model folder not found");
        var configPath = Path.Combine(folder, GenAiConfig.FileName);
        var config = GenAiConfig.Load(folder);
        var decoderPath = Path.Combine(folder, config.DecoderFileName);
        if (!File.Exists(decoderPath))
            throw new ModelException(decoderPath, $"{decoderPath} not found (named by model.decoder.filename in {configPath})");
        var tokenizer = TokenizerLoader.Load(folder);
        var notes = new List<string>();
        var chatTemplate = ChatTemplateLoader.Load(folder, options.ChatTemplate, config.ModelType, tokenizer.AddedTokens.Select(t => t.Content), notes);

        long weightBytes = WeightFiles(decoderPath).Sum(f => new FileInfo(f).Length);
        int prefillThreads = options.IntraOpThreads ?? Environment.ProcessorCount;
        int decodeThreads = options.DecodeIntraOpThreads ?? (weightBytes < 64L * 1024 * 1024 ? 1 : prefillThreads);

        var runtime = NormalizeRuntime(options.Runtime);
        byte[]? original = new FileInfo(decoderPath).Length <= MaxRewriteBytes ? File.ReadAllBytes(decoderPath) : null;
        byte[]? rewritten = options.LastPositionLogitsOnly && original is not null
            ? LastPositionLogitsRewriter.Rewrite(original, config.Names.Logits) : null;
        int? rotaryThreshold = original is null ? null : RotaryCacheSwitch.FindThreshold(original);
        if (rotaryThreshold is { } t)
            notes.Add($"LongRoPE: the graph switches to the long rotary factors past {t} tokens; longer prompts are encoded with them from the first run (no prefix-cache reuse), and a sequence crossing {t} while decoding is re-encoded once");
        else if (original is null)
            notes.Add($"the decoder file is over {MaxRewriteBytes / (1024 * 1024)} MiB: it was not inspected (no last-position logits rewrite, no LongRoPE switch detection)");
        original = null;
        InferenceSession? prefill = null, decode = null;
        ITokenEngine? engine = null;
        try
        {
            (prefill, decode) = CreateSessions(decoderPath, rewritten, options.Device, prefillThreads, decodeThreads);
            var signature = DecoderSignature.Read(prefill, config, configPath);
            if (rewritten is not null && !LastRowRunWorks(prefill, signature, config.ContextLength))
            {
                // The edited graph loads but does not run: fall back to the graph as exported.
                if (!ReferenceEquals(decode, prefill)) decode.Dispose();
                prefill.Dispose();
                rewritten = null;
                (prefill, decode) = CreateSessions(decoderPath, null, options.Device, prefillThreads, decodeThreads);
            }
            notes.Add(rewritten is not null
                ? "prefill computes logits for the last position only (output projection restricted at load)"
                : "logits are computed for every prompt position (the graph's logits do not come from a plain MatMul, or the rewrite is off)");
            var guard = new VocabularyGuard(signature.LogitsVocabularySize, tokenizer.VocabularySize);
            if (guard.IsRemapping)
                notes.Add($"the graph's vocabulary ({guard.GraphVocabularySize}) is smaller than the tokenizer's ({guard.TokenizerVocabularySize}): ids are mapped with id % {guard.GraphVocabularySize}");
            var stopIds = StopIds.Resolve(folder, config, tokenizer);
            var eos = ResolveEos(stopIds, guard, notes);
            var runner = new DecoderRunner(prefill, decode, signature, guard, config.ContextLength);
            if (!runner.ProbeMultiTokenContinuation())
                notes.Add("the graph cannot run several tokens on top of a KV cache: prompts are prefilled in one run (no chunking) and cached prefixes are extended one token at a time");
            long cacheBytes = PrefixCacheSizing.CapacityBytes(options.PrefixCacheBytes, signature, config.ContextLength);
            var cache = cacheBytes > 0 ? new PrefixCache(cacheBytes) : null;
            if (runtime == GenAiRuntime)
            {
                engine = GenAiEngine.Load(folder, options.Device, prefillThreads, config.ContextLength, rotaryThreshold);
                notes.Add("runtime genai: ONNX Runtime GenAI runs the forward passes (no chunked prefill, no prefix cache); sampling, end-of-sequence and stops are ours");
            }
            var generator = new TokenGenerator(runner, eos, options.PrefillChunkTokens, cache, Path.GetFileName(folder))
            {
                RotarySwitchThreshold = rotaryThreshold,
                Engine = engine,
            };
            return new OnnxModel(folder, config, tokenizer, runner, generator, chatTemplate, notes, options.Device, prefillThreads, decodeThreads, weightBytes)
            {
                Runtime = runtime,
                StopIds = stopIds,
            };
        }
        catch
        {
            engine?.Dispose();
            if (!ReferenceEquals(decode, prefill)) decode?.Dispose();
            prefill?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses, before any tokenising, a prompt text that cannot fit the context window with
    /// <paramref name="reservedOutputTokens"/> left for the answer (the same error as the exact check after tokenising).
    /// </summary>
    public void EnsurePromptMayFit(string text, int reservedOutputTokens) => EnsurePromptMayFit([text], reservedOutputTokens);

    /// <summary>The same check on texts that all end up in the prompt (e.g. the user messages a chat template renders).</summary>
    public void EnsurePromptMayFit(IReadOnlyList<string> texts, int reservedOutputTokens)
    {
        long atLeast = (Tokenizer.AddBos ? 1 : 0) + texts.Sum(t => TokenCountBound.AtLeast(Tokenizer, t));
        long reserved = Math.Max(1, reservedOutputTokens);
        if (atLeast + reserved > ContextLength)
            throw new ModelException("prompt",
                $"the prompt is at least {atLeast} tokens ({texts.Sum(t => (long)t.Length):N0} characters) and {reserved} output tokens are reserved, " +
                $"more than the context length of {ContextLength} tokens of model '{ModelId}': shorten the prompt or lower GenerationRequest.MaxNewTokens");
    }

    /// <summary>
    /// Token ids of a rendered prompt: the whole string encoded as the reference tokenizer encodes it, except that
    /// message content never becomes a control token (see <see cref="PromptEncoder"/>); BOS when the tokenizer wants it.
    /// </summary>
    public int[] EncodePrompt(RenderedPrompt prompt)
    {
        var (text, marks) = prompt.TextAndMarks();
        var ids = PromptEncoder.Encode(Tokenizer, text, marks);
        if (Tokenizer.AddBos && Tokenizer.BosId is { } bos && (ids.Count == 0 || ids[0] != bos)) ids.Insert(0, bos);
        return [.. ids];
    }

    /// <summary>Token ids of a prompt the caller wrote in full (no template): special-token strings in it are tokens; BOS when the tokenizer wants it and the text lacks it.</summary>
    public int[] EncodeRaw(string text)
    {
        var ids = PromptEncoder.Encode(Tokenizer, text);
        if (Tokenizer.AddBos && Tokenizer.BosId is { } bos && (ids.Count == 0 || ids[0] != bos)) ids.Insert(0, bos);
        return [.. ids];
    }

    /// <summary>Token ids of plain text to continue (no chat template): BOS when the tokenizer wants it, then the text.</summary>
    public int[] EncodeText(string text)
    {
        var ids = new List<int>();
        if (Tokenizer.AddBos && Tokenizer.BosId is { } bos) ids.Add(bos);
        Tokenizer.EncodeText(text, ids);
        return [.. ids];
    }

    private const long MaxRewriteBytes = 512L * 1024 * 1024;

    public const string AgentFwRuntime = "agentfw", GenAiRuntime = "genai";

    /// <summary>Which engine runs the forward passes: "agentfw" (ours) or "genai" (ONNX Runtime GenAI).</summary>
    public string Runtime { get; private init; } = AgentFwRuntime;

    /// <summary>The ONNX Runtime execution provider the decoder runs on, as ONNX Runtime names it.</summary>
    public string ExecutionProvider => Device.Equals("cuda", StringComparison.OrdinalIgnoreCase) ? "CUDAExecutionProvider" : "CPUExecutionProvider";

    private static string NormalizeRuntime(string runtime) => runtime.Trim().ToLowerInvariant() switch
    {
        AgentFwRuntime => AgentFwRuntime,
        GenAiRuntime => GenAiRuntime,
        _ => throw new InvalidOptionException("OnnxModelOptions.Runtime", $"OnnxModelOptions.Runtime '{runtime}' is not supported: use agentfw or genai"),
    };

    private static (InferenceSession Prefill, InferenceSession Decode) CreateSessions(string path, byte[]? graph, string device, int prefillThreads, int decodeThreads)
    {
        var prefill = CreateSession(path, graph, device, prefillThreads, allowSpinning: decodeThreads == prefillThreads);
        try
        {
            return (prefill, decodeThreads == prefillThreads ? prefill : CreateSession(path, graph, device, decodeThreads));
        }
        catch
        {
            prefill.Dispose();
            throw;
        }
    }

    // One 2-token run from an empty cache must succeed and return a single logits row.
    private static bool LastRowRunWorks(InferenceSession session, DecoderSignature signature, int contextLength)
    {
        try
        {
            using var runner = new DecoderRunner(session, session, signature, new VocabularyGuard(signature.LogitsVocabularySize, signature.LogitsVocabularySize), Math.Min(contextLength, 4), ownsSessions: false);
            using var empty = KvCache.Empty(signature);
            var result = runner.Forward([0, 0], empty);
            using var _ = result.Cache;
            return result.Rows == 1;
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
    }

    private static InferenceSession CreateSession(string path, byte[]? graph, string device, int threads, bool allowSpinning = true)
    {
        var options = ExecutionProviders.Create(device, threads, allowSpinning);
        // An edited graph is loaded from memory; its external weight files are still found next to the original.
        if (graph is not null) options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", Path.GetDirectoryName(path)!);
        try { return graph is null ? new InferenceSession(path, options) : new InferenceSession(graph, options); }
        catch (OnnxRuntimeException e)
        {
            var first = e.Message.ReplaceLineEndings(" ");
            throw new ModelException(path, $"{path}: ONNX Runtime could not load the decoder graph ({(first.Length > 300 ? first[..300] + "..." : first)})", e);
        }
        finally { options.Dispose(); }
    }

    private static IEnumerable<string> WeightFiles(string decoderPath)
    {
        yield return decoderPath;
        var dir = Path.GetDirectoryName(decoderPath)!;
        var stem = Path.GetFileName(decoderPath);
        foreach (var f in Directory.EnumerateFiles(dir, stem + ".data*")) yield return f;
        foreach (var f in Directory.EnumerateFiles(dir, stem + "_data*")) yield return f;
    }

    // Every eos id of every file (see StopIds), less ids the graph can never produce.
    private static HashSet<int> ResolveEos(StopIds stops, VocabularyGuard guard, List<string> notes)
    {
        notes.AddRange(stops.Notes);
        var eos = new HashSet<int>(stops.Ids);
        var unreachable = eos.Where(id => id >= guard.GraphVocabularySize).ToArray();
        if (unreachable.Length > 0 && unreachable.Length == eos.Count)
            notes.Add($"no end-of-sequence id lies inside the graph's vocabulary of {guard.GraphVocabularySize}: generation stops only at the token limit or a stop sequence");
        if (eos.Count == 0) notes.Add("no end-of-sequence id is declared: generation stops only at the token limit or a stop sequence");
        return eos;
    }

    public void Dispose()
    {
        Generator.Engine?.Dispose();
        Runner.Dispose();
        GenerationGate.Dispose();
    }
}
