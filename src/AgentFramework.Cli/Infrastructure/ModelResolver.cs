using System.CommandLine;
using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Tokens;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Turns the CLI's settings into the model a command uses: <c>--endpoint</c> → an OpenAI-compatible client,
/// <c>--model DIR</c> → the local ONNX runtime, neither → null (commands fall back to their embedded defaults). Either
/// way the chat client sits behind the model middleware (usage → cache → retry). Asynchronous end to end: an endpoint
/// is asked for its model id over HTTP.
/// </summary>
public static class ModelResolver
{
    public static Task<ResolvedModel?> ResolveAsync(ParseResult parse, CliSettings settings, CancellationToken cancellationToken) =>
        ResolveAsync(settings, ReadOptions(parse), cancellationToken);

    public static async Task<ResolvedModel?> ResolveAsync(CliSettings settings, ModelAccessOptions access, CancellationToken cancellationToken)
    {
        if (settings.Endpoint is { } url) return await FromEndpointAsync(url, settings, access, cancellationToken).ConfigureAwait(false);
        if (settings.Model is { } folder) return FromFolder(folder, access);
        return null;
    }

    /// <summary>Validated model-access flags of one command line.</summary>
    public static ModelAccessOptions ReadOptions(ParseResult parse)
    {
        var contextLength = parse.GetValue(ModelOptions.ContextLength);
        if (contextLength < 256 || contextLength > NumericLimits.MaxTokens)
            throw new InvalidOptionException("--context-length", $"--context-length {contextLength} is too small: give the model's context window in tokens (at least 256, at most {NumericLimits.MaxTokens})");
        var timeout = parse.GetValue(ModelOptions.RequestTimeout);
        if (timeout is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > NumericLimits.MaxTimeoutSeconds))
            throw new InvalidOptionException("--request-timeout", $"--request-timeout {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be a number of seconds above 0 and at most {NumericLimits.MaxTimeoutSeconds}");
        var attempts = parse.GetValue(ModelOptions.MaxAttempts);
        if (attempts < 1)
            throw new InvalidOptionException("--max-attempts", $"--max-attempts {attempts} must be at least 1");
        var cache = parse.GetValue(ModelOptions.NoCache) ? null
            : parse.GetValue(ModelOptions.Cache) ?? Environment.GetEnvironmentVariable("AGENTFW_CACHE") ?? DefaultCachePath();
        return new ModelAccessOptions(contextLength, timeout is null ? null : TimeSpan.FromSeconds(timeout.Value), attempts, cache,
            parse.GetValue(ModelOptions.EmbeddingModelId), ModelOptions.LocalModelOptions(parse));
    }

    public static string DefaultCachePath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "agentfw", "calls.db");

    private static async Task<ResolvedModel> FromEndpointAsync(string url, CliSettings settings, ModelAccessOptions access, CancellationToken cancellationToken)
    {
        var endpoint = EndpointOptions.Parse(url, settings.ModelId, settings.ApiKey) with { EmbeddingModelId = access.EmbeddingModelId };
        if (settings.ModelId is null)
        {
            // No --model-id: ask the server (vLLM and others refuse unknown names); one that cannot say gets "default".
            var listed = await EndpointModelDiscovery.FirstModelIdAsync(endpoint, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (listed is not null) endpoint = endpoint with { ModelId = listed };
        }
        // The server's window and tokenizer when it states them (vLLM, llama.cpp, agentfw serve); else --context-length
        // with cl100k and a stated safety margin, said on stderr because budgets are then an estimate.
        var budget = EndpointBudgets.Discover(endpoint, access.ContextLength, TimeSpan.FromSeconds(10));
        if (!budget.ServerTokenizer) Console.Error.WriteLine($"agentfw: {LibraryOptionFlags.Translate(budget.Description)}");
        var profile = budget.Profile;
        var chat = ModelPipeline.Wrap(EndpointChatClientFactory.CreateChatClient(endpoint), Middleware(access, profile.TokenCounter));
        return new ResolvedModel(chat, profile, EndpointChatClientFactory.CreateEmbeddingGenerator(endpoint));
    }

    private static ResolvedModel FromFolder(string folder, ModelAccessOptions access)
    {
        var local = LocalModelLoader.Load(folder, options: access.LocalModel);
        var chat = ModelPipeline.Wrap(local.Chat, Middleware(access, local.Profile.TokenCounter));
        return new ResolvedModel(chat, local.Profile, local.Embeddings, local);
    }

    private static ModelPipelineOptions Middleware(ModelAccessOptions access, ITokenCounter counter) => new()
    {
        TokenCounter = counter,
        Cache = access.CachePath is null ? null : new SqliteCallCache(access.CachePath),
        Retry = new RetryOptions { MaxAttempts = access.MaxAttempts, PerCallTimeout = access.RequestTimeout },
    };
}

/// <summary>How a command reaches its model, from the model-access flags.</summary>
public sealed record ModelAccessOptions(
    int ContextLength = ModelOptions.DefaultContextLength,
    TimeSpan? RequestTimeout = null,
    int MaxAttempts = 4,
    string? CachePath = null,
    string? EmbeddingModelId = null,
    Onnx.OnnxModelOptions? LocalModel = null);
