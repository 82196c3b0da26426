using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Onnx.Chat;
using AgentFramework.Onnx.Config;
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
        var chatTemplate = options.ChatTemplate is { } name
            ? ChatTemplates.Get(name)
            : ChatTemplates.Detect(config.ModelType, tokenizer.ChatTemplateSource, tokenizer.AddedTokens.Select(t => t.Content));

        long weightBytes = WeightFiles(decoderPath).Sum(f => new FileInfo(f).Length);
        int prefillThreads = options.IntraOpThreads ?? Environment.ProcessorCount;
        int decodeThreads = options.DecodeIntraOpThreads ?? (weightBytes < 64L * 1024 * 1024 ? 1 : prefillThreads);

        var notes = new List<string>();
        byte[]? rewritten = options.LastPositionLogitsOnly && new FileInfo(decoderPath).Length <= MaxRewriteBytes
            ? LastPositionLogitsRewriter.Rewrite(File.ReadAllBytes(decoderPath), config.Names.Logits) : null;
        InferenceSession? prefill = null, decode = null;
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
            var eos = ResolveEos(config, tokenizer, guard, notes);
            var runner = new DecoderRunner(prefill, decode, signature, guard, config.ContextLength);
            if (!runner.ProbeMultiTokenContinuation())
                notes.Add("the graph cannot run several tokens on top of a KV cache: prompts are prefilled in one run (no chunking) and cached prefixes are extended one token at a time");
            long cacheBytes = PrefixCacheSizing.CapacityBytes(options.PrefixCacheBytes, signature, config.ContextLength);
            var cache = cacheBytes > 0 ? new PrefixCache(cacheBytes) : null;
            var generator = new TokenGenerator(runner, eos, options.PrefillChunkTokens, cache, Path.GetFileName(folder));
            return new OnnxModel(folder, config, tokenizer, runner, generator, chatTemplate, notes, options.Device, prefillThreads, decodeThreads, weightBytes);
        }
        catch
        {
            if (!ReferenceEquals(decode, prefill)) decode?.Dispose();
            prefill?.Dispose();
            throw;
        }
    }

    /// <summary>Token ids of a rendered prompt: control text with special tokens, content as plain text, BOS when the tokenizer wants it.</summary>
    public int[] EncodePrompt(RenderedPrompt prompt)
    {
        var ids = new List<int>();
        foreach (var segment in prompt.Segments)
        {
            if (segment.IsContent) Tokenizer.EncodeText(segment.Text, ids);
            else Tokenizer.EncodeControl(segment.Text, ids);
        }
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

    // The tokenizer files are the authority on what each id means; genai_config ids the tokenizer names as a different
    // special token (the tiny Llama's config says eos=1, which its tokenizer calls <s>) are ignored with a note.
    private static HashSet<int> ResolveEos(GenAiConfig config, ModelTokenizer tokenizer, VocabularyGuard guard, List<string> notes)
    {
        var eos = new HashSet<int>(tokenizer.EosIds);
        foreach (var id in config.EosTokenIds)
        {
            var content = tokenizer.AddedTokenContent(id);
            bool namedOtherwise = (content is not null && !tokenizer.EosIds.Contains(id)) || id == tokenizer.BosId;
            if (namedOtherwise && tokenizer.EosIds.Count > 0)
                notes.Add($"genai_config.json eos_token_id {id} is '{content}' in the tokenizer; using the tokenizer's end-of-sequence ids [{string.Join(", ", tokenizer.EosIds)}]");
            else eos.Add(id);
        }
        foreach (var id in config.BosTokenIds)
            if (tokenizer.BosId is { } bos && bos != id)
                notes.Add($"genai_config.json bos_token_id {id} differs from the tokenizer's BOS {bos}; using {bos}");
        var unreachable = eos.Where(id => id >= guard.GraphVocabularySize).ToArray();
        if (unreachable.Length > 0 && unreachable.Length == eos.Count)
            notes.Add($"no end-of-sequence id lies inside the graph's vocabulary of {guard.GraphVocabularySize}: generation stops only at the token limit or a stop sequence");
        if (eos.Count == 0) notes.Add("no end-of-sequence id is declared: generation stops only at the token limit or a stop sequence");
        return eos;
    }

    public void Dispose()
    {
        Runner.Dispose();
        GenerationGate.Dispose();
    }
}
