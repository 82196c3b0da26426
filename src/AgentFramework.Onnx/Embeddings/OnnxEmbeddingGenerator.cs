using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Onnx.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Onnx.Embeddings;

/// <summary>
/// Embeddings from a BERT-style encoder export (input_ids, attention_mask, optional token_type_ids) with a WordPiece
/// vocabulary (vocab.txt, or tokenizer.json with a WordPiece model). Texts are batched with padding; pooling is the
/// model's pooled output or a masked mean; vectors are L2-normalised. Batched and one-by-one results are equal.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly OnnxEmbeddingOptions _options;
    private readonly string _inputIds, _attentionMask;
    private readonly string? _tokenTypeIds;
    private readonly TensorElementType _idType;
    private readonly string _output;
    private readonly bool _outputIsPooled;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private OnnxEmbeddingGenerator(string folder, InferenceSession session, BertTokenizer tokenizer, OnnxEmbeddingOptions options)
    {
        _session = session;
        _tokenizer = tokenizer;
        _options = options;
        ModelId = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var modelPath = Path.Combine(folder, options.ModelFileName);
        var inputs = session.InputMetadata;
        _inputIds = inputs.ContainsKey("input_ids") ? "input_ids" : throw new ModelException(modelPath, $"{modelPath}: the encoder has no 'input_ids' input (it has: {string.Join(", ", inputs.Keys)})");
        _attentionMask = inputs.ContainsKey("attention_mask") ? "attention_mask" : throw new ModelException(modelPath, $"{modelPath}: the encoder has no 'attention_mask' input");
        _tokenTypeIds = inputs.ContainsKey("token_type_ids") ? "token_type_ids" : null;
        _idType = inputs[_inputIds].ElementDataType;

        var outputs = session.OutputMetadata;
        var pooled = outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 2).Key;
        var tokens = outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3).Key;
        bool usePooled = options.Pooling switch
        {
            EmbeddingPooling.Pooled => pooled is not null ? true : throw new ModelException(modelPath, $"{modelPath}: pooling 'pooled' needs a [batch, hidden] output; the encoder has none"),
            EmbeddingPooling.Auto => pooled is not null,
            _ => false,
        };
        if (!usePooled && tokens is null) throw new ModelException(modelPath, $"{modelPath}: the encoder has no [batch, sequence, hidden] output to pool");
        _output = usePooled ? pooled! : tokens!;
        _outputIsPooled = usePooled;
        Dimensions = outputs[_output].Dimensions[^1] > 0 ? outputs[_output].Dimensions[^1] : null;
        _metadata = new EmbeddingGeneratorMetadata("onnx", new Uri(Path.GetFullPath(folder) + Path.DirectorySeparatorChar), ModelId, Dimensions);
    }

    public string ModelId { get; }

    /// <summary>Vector length when the graph states it.</summary>
    public int? Dimensions { get; }

    public static OnnxEmbeddingGenerator Load(string folder, OnnxEmbeddingOptions? options = null)
    {
        options ??= new OnnxEmbeddingOptions();
        folder = Path.GetFullPath(folder);
        var modelPath = Path.Combine(folder, options.ModelFileName);
        if (!File.Exists(modelPath)) throw new ModelException(modelPath, $"{modelPath} not found: an embedding folder needs the encoder .onnx file");
        var tokenizer = LoadWordPiece(folder, options);
        var sessionOptions = ExecutionProviders.Create("cpu", options.IntraOpThreads);
        try
        {
            return new OnnxEmbeddingGenerator(folder, new InferenceSession(modelPath, sessionOptions), tokenizer, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException(modelPath, $"{modelPath}: ONNX Runtime could not load the encoder ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        finally { sessionOptions.Dispose(); }
    }

    private static BertTokenizer LoadWordPiece(string folder, OnnxEmbeddingOptions options)
    {
        var config = TokenizerLoader.ReadJson(Path.Combine(folder, "tokenizer_config.json"));
        bool lower = options.LowerCase ?? (config is { } c && c.TryGetProperty("do_lower_case", out var l) ? l.ValueKind == JsonValueKind.True : true);
        var bertOptions = new BertOptions { LowerCaseBeforeTokenization = lower };
        var vocabTxt = Path.Combine(folder, "vocab.txt");
        if (File.Exists(vocabTxt)) return BertTokenizer.Create(vocabTxt, bertOptions);
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        if (!File.Exists(tokenizerJson)) throw new ModelException(folder, $"{folder}: no WordPiece vocabulary: expected vocab.txt or tokenizer.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerJson));
        var model = doc.RootElement.GetProperty("model");
        if (model.GetProperty("type").GetString() != "WordPiece")
            throw new ModelException(tokenizerJson, $"{tokenizerJson}: embedding tokenizers must be WordPiece, found {model.GetProperty("type").GetString()}");
        var lines = model.GetProperty("vocab").EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name);
        return BertTokenizer.Create(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")), bertOptions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        long tokens = 0;
        await Task.Yield();
        for (int start = 0; start < texts.Count; start += Math.Max(1, _options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts.GetRange(start, Math.Min(Math.Max(1, _options.BatchSize), texts.Count - start));
            foreach (var vector in EmbedBatch(batch, ref tokens))
                result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow });
        }
        result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return result;
    }

    private List<float[]> EmbedBatch(List<string> texts, ref long tokenCount)
    {
        var encoded = texts.Select(Encode).ToList();
        int batch = encoded.Count, length = Math.Max(1, encoded.Max(e => e.Count));
        tokenCount += encoded.Sum(e => e.Count);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < length; t++)
            {
                bool real = t < encoded[b].Count;
                ids[b * length + t] = real ? encoded[b][t] : _tokenizer.PaddingTokenId;
                mask[b * length + t] = real ? 1 : 0;
            }
        long[] shape = [batch, length];
        var names = new List<string> { _inputIds, _attentionMask };
        var inputs = new List<OrtValue> { Tensor(ids, shape), Tensor(mask, shape) };
        if (_tokenTypeIds is not null) { names.Add(_tokenTypeIds); inputs.Add(Tensor(new long[batch * length], shape)); }
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, inputs, [_output]);
            var data = outputs[0].GetTensorDataAsSpan<float>();
            int hidden = data.Length / (_outputIsPooled ? batch : batch * length);
            var vectors = new List<float[]>(batch);
            for (int b = 0; b < batch; b++)
            {
                var vector = new float[hidden];
                if (_outputIsPooled) data.Slice(b * hidden, hidden).CopyTo(vector);
                else if (_options.Pooling == EmbeddingPooling.Cls) data.Slice(b * length * hidden, hidden).CopyTo(vector);
                else
                {
                    int count = encoded[b].Count;
                    for (int t = 0; t < count; t++) TensorPrimitives.Add(vector, data.Slice((b * length + t) * hidden, hidden), vector);
                    if (count > 0) TensorPrimitives.Divide(vector, count, vector);
                }
                if (_options.Normalize)
                {
                    float norm = TensorPrimitives.Norm(vector);
                    if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
                }
                vectors.Add(vector);
            }
            return vectors;
        }
        finally
        {
            foreach (var v in inputs) v.Dispose();
        }
    }

    private OrtValue Tensor(long[] data, long[] shape) => _idType == TensorElementType.Int32
        ? OrtValue.CreateTensorValueFromMemory(data.Select(v => (int)v).ToArray(), shape)
        : OrtValue.CreateTensorValueFromMemory(data, shape);

    private IReadOnlyList<int> Encode(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: true);
        if (ids.Count <= _options.MaxTokens) return ids;
        return [.. ids.Take(_options.MaxTokens - 1), _tokenizer.SeparatorTokenId];
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _session.Dispose();
}
