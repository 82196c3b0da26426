using System.Globalization;
using System.Runtime.CompilerServices;
using AgentFramework.Errors;
using AgentFramework.Onnx.Generation;
using Microsoft.ML.OnnxRuntimeGenAI;
using GenAiConfigHandle = Microsoft.ML.OnnxRuntimeGenAI.Config;

namespace AgentFramework.Onnx.GenAi;

/// <summary>
/// ONNX Runtime GenAI (Microsoft.ML.OnnxRuntimeGenAI) over the same model folder: the conformance reference for our
/// runtime and, with <c>--runtime genai</c>, a second engine behind the same middleware. As a backend it only runs the
/// forward passes (<c>AppendTokens</c> + the logits output) on our tokenizer's ids; sampling, end-of-sequence ids and
/// stop handling stay ours, so the prompt-injection-proof tokenization and multi-token stops hold on both engines.
/// One libonnxruntime.so is shared in-process with our own sessions (deps.md, December).
/// </summary>
public sealed class GenAiEngine : ITokenEngine
{
    private readonly Model _model;

    private GenAiEngine(string folder, Model model, string device, int contextLength, int? rotarySwitchThreshold)
    {
        Folder = folder;
        _model = model;
        Device = device;
        ContextLength = contextLength;
        RotarySwitchThreshold = rotarySwitchThreshold;
    }

    public string Name => "genai";

    public string Folder { get; }

    public string Device { get; }

    public int ContextLength { get; }

    /// <summary>Where GenAI re-encodes a Phi-3 sequence: it rewinds when the sequence reaches threshold + 1 tokens.</summary>
    public int? RotarySwitchThreshold { get; }

    /// <param name="rotarySwitchThreshold">The graph's LongRoPE threshold (GenAI itself hard-codes 4,096 for type phi3).</param>
    public static GenAiEngine Load(string folder, string device = "cpu", int? intraOpThreads = null, int contextLength = 0, int? rotarySwitchThreshold = null)
    {
        OrtTelemetry.DisableUnlessOptedIn();
        folder = Path.GetFullPath(folder);
        GenAiConfigHandle? config = null;
        try
        {
            config = new GenAiConfigHandle(folder);
            config.ClearProviders();
            switch (device.Trim().ToLowerInvariant())
            {
                case "cpu": break;
                case "cuda": config.AppendProvider("cuda"); break;
                default: throw new InvalidOptionException("OnnxModelOptions.Device", $"OnnxModelOptions.Device '{device}' is not supported: use cpu or cuda");
            }
            if (intraOpThreads is { } threads)
                config.Overlay("{\"model\": {\"decoder\": {\"session_options\": {\"intra_op_num_threads\": " + threads.ToString(CultureInfo.InvariantCulture) + "}}}}");
            return new GenAiEngine(folder, new Model(config), device, contextLength, rotarySwitchThreshold);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            if (device.Equals("cuda", StringComparison.OrdinalIgnoreCase))
                throw new ModelException("OnnxModelOptions.Device", $"OnnxModelOptions.Device cuda with OnnxModelOptions.Runtime genai: ONNX Runtime GenAI could not start CUDA ({message}); this build ships the CPU GenAI package only (Microsoft.ML.OnnxRuntimeGenAI.Cuda is not served): use OnnxModelOptions.Runtime agentfw with OnnxModelOptions.Device cuda", e);
            throw new ModelException(folder, $"{folder}: ONNX Runtime GenAI could not load the model ({message})", e);
        }
        finally
        {
            config?.Dispose();
        }
    }

    private GeneratorParams Params(int maxLength, bool greedy)
    {
        var p = new GeneratorParams(_model);
        p.SetSearchOption("max_length", maxLength);
        p.SetSearchOption("do_sample", !greedy);
        return p;
    }

    /// <summary>
    /// GenAI's own greedy loop (GenerateNextToken, its Phi-3 rewind included), stopping at its own end-of-sequence ids
    /// or after <paramref name="maxNewTokens"/>: the reference the conformance tests compare against.
    /// </summary>
    public int[] GreedyReference(IReadOnlyList<int> prompt, int maxNewTokens)
    {
        using var p = Params(prompt.Count + maxNewTokens, greedy: true);
        using var generator = new Generator(_model, p);
        generator.AppendTokens(prompt.ToArray());
        var output = new List<int>();
        while (!generator.IsDone() && output.Count < maxNewTokens)
        {
            generator.GenerateNextToken();
            output.Add(generator.GetNextTokens()[0]);
        }
        return [.. output];
    }

    /// <summary>Logits of the last prompt position after one prefill of <paramref name="prompt"/>.</summary>
    public float[] LastLogits(IReadOnlyList<int> prompt)
    {
        using var p = Params(Math.Max(prompt.Count + 1, 2), greedy: true);
        using var generator = new Generator(_model, p);
        generator.AppendTokens(prompt.ToArray());
        return LastRow(generator);
    }

    private static float[] LastRow(Generator generator)
    {
        using var logits = generator.GetOutput("logits");
        var shape = logits.Shape();
        int vocab = (int)shape[^1];
        if (logits.Type() == ElementType.float16)
        {
            var bits = logits.GetData<ushort>();
            bits = bits.Slice(bits.Length - vocab, vocab);
            var row = new float[vocab];
            for (int i = 0; i < vocab; i++) row[i] = (float)BitConverter.UInt16BitsToHalf(bits[i]);
            return row;
        }
        var data = logits.GetData<float>();
        return data.Slice(data.Length - vocab, vocab).ToArray();
    }

    public async IAsyncEnumerable<int> GenerateAsync(IReadOnlyList<int> prompt, GenerationRequest request, GenerationStats stats, IReadOnlySet<int> eosIds,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield(); // CPU-bound: off the caller's synchronisation context
        var progress = new DecodeProgress(prompt, request, stats, eosIds);
        stats.ReusedPromptTokens = 0;
        int maxLength = prompt.Count + request.MaxNewTokens;
        if (ContextLength > 0) maxLength = Math.Min(maxLength, ContextLength);
        using var p = Params(maxLength, greedy: true);
        using var generator = new Generator(_model, p);
        var sequence = new List<int>(prompt);
        generator.AppendTokens(sequence.ToArray());
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int token = progress.NextFromFloat32(LastRow(generator));
            if (!progress.Accept(token)) break;
            yield return token;
            if (progress.ReachedLimit()) break;
            sequence.Add(token);
            if (RotarySwitchThreshold is { } threshold && sequence.Count == threshold + 1)
            {
                // GenAI's own loop rewinds here (standard_decoding_strategy.cpp); we drive AppendTokens, so do it too.
                generator.RewindTo(0);
                generator.AppendTokens(sequence.ToArray());
            }
            else generator.AppendTokens([token]);
        }
        progress.Finish();
    }

    public void Dispose() => _model.Dispose();
}
