using System.Runtime.CompilerServices;
using System.Text;
using AgentFramework.Models;
using AgentFramework.Onnx.Generation;
using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx;

/// <summary>
/// Microsoft.Extensions.AI chat client over a local <see cref="OnnxModel"/>: renders the model's chat template,
/// generates with the KV cache and reports usage. One model is shared by concurrent callers, so generations are
/// serialised on <see cref="OnnxModel.GenerationGate"/> (one at a time across all clients of the model; the others
/// wait). Honours MaxOutputTokens, Temperature, TopK, TopP, Seed, StopSequences and a repetition penalty (AdditionalProperties["repetition_penalty"], else 1 + FrequencyPenalty).
/// Response.AdditionalProperties carry ttft_ms, decode_tokens_per_s, prefill_tokens_per_s and reused_prompt_tokens.
/// </summary>
public sealed class OnnxChatClient : IChatClient
{
    private readonly bool _ownsModel;
    private readonly ChatClientMetadata _metadata;

    public OnnxChatClient(OnnxModel model, OnnxChatClientOptions? options = null, bool ownsModel = false)
    {
        Model = model;
        Options = options ?? new OnnxChatClientOptions();
        _ownsModel = ownsModel;
        _metadata = new ChatClientMetadata("onnx", new Uri(model.Folder + Path.DirectorySeparatorChar), model.ModelId);
    }

    public OnnxModel Model { get; }

    public OnnxChatClientOptions Options { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        ChatResponseUpdate? final = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.FinishReason is not null) final = update;
            else text.Append(update.Text);
        }
        var usage = final?.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ModelId = Model.ModelId,
            ResponseId = final?.ResponseId,
            CreatedAt = final?.CreatedAt,
            FinishReason = final?.FinishReason,
            Usage = usage,
            AdditionalProperties = final?.AdditionalProperties,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prepared = PreparePrompt(messages.ToList(), options);
        var prompt = prepared.Ids;
        var request = BuildRequest(prompt.Length, options);
        bool echo = options?.AdditionalProperties?.TryGetValue(EchoPromptProperty, out var e) == true && e is true;
        var completionIds = echo ? new List<int>() : null;
        var stops = (options?.StopSequences ?? []).Concat(Model.ChatTemplate.TurnTerminators).ToList();
        var responseId = Guid.NewGuid().ToString("N");
        var stats = new GenerationStats();
        var detokenizer = new StreamingDetokenizer(Model.Tokenizer);
        var filter = new StopSequenceFilter(stops);

        await Model.GenerationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var token in Model.Generator.GenerateAsync(prompt, request, stats, cancellationToken).ConfigureAwait(false))
            {
                completionIds?.Add(token);
                var piece = filter.Push(detokenizer.Push(token));
                if (piece.Length > 0) yield return Update(responseId, piece);
                if (filter.Stopped) { stats.FinishReason = GenerationFinishReason.StopSequence; break; }
            }
            if (!filter.Stopped)
            {
                var rest = filter.Push(detokenizer.Flush()) + filter.Flush();
                if (rest.Length > 0) yield return Update(responseId, rest);
            }
        }
        finally
        {
            Model.GenerationGate.Release();
        }

        var usage = new UsageDetails
        {
            InputTokenCount = stats.PromptTokens,
            OutputTokenCount = stats.CompletionTokens,
            TotalTokenCount = stats.PromptTokens + stats.CompletionTokens,
            // The prompt prefix whose KV came from the prefix cache, as OpenAI reports prompt_tokens_details.cached_tokens.
            CachedInputTokenCount = stats.ReusedPromptTokens,
        };
        var final = new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)])
        {
            ResponseId = responseId,
            ModelId = Model.ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = stats.FinishReason == GenerationFinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["ttft_ms"] = stats.TimeToFirstToken.TotalMilliseconds,
                ["decode_tokens_per_s"] = stats.DecodeTokensPerSecond,
                ["prefill_tokens_per_s"] = stats.PrefillTokensPerSecond,
                ["reused_prompt_tokens"] = stats.ReusedPromptTokens,
                [UsageAccountingChatClient.PromptNotesPropertyName] = prepared.Note,
                ["finish_reason"] = stats.FinishReason.ToString(),
            },
        };
        if (prepared.Note is null) final.AdditionalProperties.Remove(UsageAccountingChatClient.PromptNotesPropertyName);
        if (completionIds is not null)
        {
            final.AdditionalProperties["prompt"] = prepared.Text;
            final.AdditionalProperties["prompt_ids"] = prompt;
            final.AdditionalProperties["completion_ids"] = completionIds.ToArray();
        }
        yield return final;
    }

    /// <summary>ChatOptions.AdditionalProperties key: true adds "prompt", "prompt_ids" and "completion_ids" to the final update.</summary>
    public const string EchoPromptProperty = "agentfw.echo_prompt";

    /// <summary>ChatOptions.AdditionalProperties key: true sends the messages' text as the prompt itself, with no chat template.</summary>
    public const string RawPromptProperty = "agentfw.raw_prompt";

    /// <summary>The prompt text and ids a request would send (the chat template rendered, or the raw text), and any note about it.</summary>
    public (string Text, int[] Ids, string? Note) PreparePrompt(IReadOnlyList<ChatMessage> messages, ChatOptions? options = null)
    {
        if (options?.AdditionalProperties?.TryGetValue(RawPromptProperty, out var raw) == true && raw is true)
        {
            // The caller wrote the prompt (e.g. replaying a --json "prompt"): special-token strings in it are meant.
            var text = string.Concat(messages.Select(m => m.Text));
            Model.EnsurePromptMayFit(text, options?.MaxOutputTokens ?? 1);
            return (text, Model.EncodeRaw(text), null);
        }
        var rendered = Model.ChatTemplate.RenderOrFold(messages, addGenerationPrompt: true, out var note);
        var renderedText = rendered.ToString();
        // A prompt that cannot fit (a 4 MB paste) is refused here, before tokenising it costs seconds and memory.
        Model.EnsurePromptMayFit(renderedText, options?.MaxOutputTokens ?? 1);
        return (renderedText, Model.EncodePrompt(rendered), note);
    }

    private ChatResponseUpdate Update(string responseId, string text) =>
        new(ChatRole.Assistant, text) { ResponseId = responseId, MessageId = responseId, ModelId = Model.ModelId };

    /// <summary>Maps ChatOptions (and genai_config.json search defaults) to a generation request.</summary>
    public GenerationRequest BuildRequest(int promptTokens, ChatOptions? options)
    {
        var search = Model.Config.Search;
        int maxNew = options?.MaxOutputTokens ?? Math.Max(1, Math.Min(Options.DefaultMaxOutputTokens, Model.ContextLength - promptTokens));
        float temperature = options?.Temperature ?? (search.DoSample ? search.Temperature ?? 1f : 0f);
        float penalty = 1f;
        if (options?.AdditionalProperties?.TryGetValue("repetition_penalty", out var rp) == true && rp is not null)
            penalty = Convert.ToSingle(rp, System.Globalization.CultureInfo.InvariantCulture);
        else if (options?.FrequencyPenalty is > 0f and var fp) penalty = 1f + fp;
        else if (search.RepetitionPenalty is { } configured) penalty = configured;

        var sampling = new SamplingSettings
        {
            Temperature = temperature,
            TopK = options?.TopK ?? (search.DoSample ? search.TopK : null),
            TopP = options?.TopP ?? (search.DoSample ? search.TopP : null),
            RepetitionPenalty = penalty,
            Seed = options?.Seed is { } seed ? unchecked((int)seed) : null,
        };
        var request = new GenerationRequest { MaxNewTokens = maxNew, Sampling = sampling, UsePrefixCache = Options.UsePrefixCache };
        Model.Generator.EnsureFits(promptTokens, maxNew);
        return request;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType == typeof(OnnxModel)) return Model;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_ownsModel) Model.Dispose();
    }
}
