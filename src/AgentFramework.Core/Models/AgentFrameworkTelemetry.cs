namespace AgentFramework.Models;

/// <summary>
/// Names under which AgentFramework publishes model-call telemetry. Every model call made through
/// <see cref="ModelPipeline.Wrap"/> is an OpenTelemetry activity (span) and metric following the GenAI semantic
/// conventions (<c>gen_ai.operation.name</c>, <c>gen_ai.request.model</c>, <c>gen_ai.usage.input_tokens</c>, …), emitted by
/// Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>; subscribe with
/// <c>tracerProviderBuilder.AddSource(AgentFrameworkTelemetry.SourceName)</c> and
/// <c>meterProviderBuilder.AddMeter(AgentFrameworkTelemetry.SourceName)</c>. Message contents are not recorded
/// (documents are user data): only sizes, models and timings.
/// </summary>
public static class AgentFrameworkTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string SourceName = "AgentFramework";

    /// <summary>Span tag: the pipeline stage that made the call (e.g. <c>chain-of-agents/worker</c>).</summary>
    public const string StageTag = "agentfw.stage";

    /// <summary>Span tag: true when the call cache replayed the answer instead of calling the model.</summary>
    public const string CachedTag = "agentfw.cached";
}
