using AgentFramework.Tokens;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>What <see cref="ModelPipeline.Wrap"/> puts around a backend; each layer is optional.</summary>
public sealed record ModelPipelineOptions
{
    /// <summary>Counts tokens when the backend reports no usage (e.g. the model's own tokenizer).</summary>
    public ITokenCounter? TokenCounter { get; init; }

    /// <summary>A trace that receives every call, besides the ambient <see cref="PipelineContext.Trace"/>.</summary>
    public PipelineTrace? Trace { get; init; }

    /// <summary>Replays finished calls; null = no cache.</summary>
    public ICallCache? Cache { get; init; }

    /// <summary>Retry policy; null = no retry.</summary>
    public RetryOptions? Retry { get; init; } = RetryOptions.Default;
}

/// <summary>Composes the model-access middleware in the order of the design: usage → cache → retry → backend.</summary>
public static class ModelPipeline
{
    /// <summary>
    /// Wraps <paramref name="backend"/>: usage accounting outermost (it sees cache hits and the total latency including
    /// retries), then the call cache (a hit never reaches the model), then retry next to the backend (only real calls
    /// are retried).
    /// </summary>
    public static IChatClient Wrap(IChatClient backend, ModelPipelineOptions? options = null)
    {
        options ??= new ModelPipelineOptions();
        var builder = new ChatClientBuilder(backend).UseUsageAccounting(options.TokenCounter, options.Trace);
        if (options.Cache is not null) builder.UseCallCache(options.Cache);
        if (options.Retry is not null) builder.UseRetry(options.Retry);
        return builder.Build();
    }
}
