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

    /// <summary>
    /// Publish each call as an OpenTelemetry span and metrics (GenAI semantic conventions) under
    /// <see cref="AgentFrameworkTelemetry.SourceName"/>; free when nothing listens.
    /// </summary>
    public bool Telemetry { get; init; } = true;
}

/// <summary>Composes the model-access middleware in the order of the design: (telemetry →) usage → cache → retry → backend.</summary>
public static class ModelPipeline
{
    /// <summary>
    /// Wraps <paramref name="backend"/>: usage accounting outermost (it sees cache hits and the total latency including
    /// retries), then the call cache (a hit never reaches the model), then retry next to the backend (only real calls
    /// are retried). Telemetry wraps them all, so its span is the pipeline's view of the call (cache hits included,
    /// tagged <see cref="AgentFrameworkTelemetry.CachedTag"/>).
    /// </summary>
    public static IChatClient Wrap(IChatClient backend, ModelPipelineOptions? options = null)
    {
        options ??= new ModelPipelineOptions();
        var builder = new ChatClientBuilder(backend);
        if (options.Telemetry) builder.UseOpenTelemetry(sourceName: AgentFrameworkTelemetry.SourceName);
        builder.UseUsageAccounting(options.TokenCounter, options.Trace);
        if (options.Cache is not null) builder.UseCallCache(options.Cache);
        if (options.Retry is not null) builder.UseRetry(options.Retry);
        return builder.Build();
    }
}
