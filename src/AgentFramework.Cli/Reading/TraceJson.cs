using AgentFramework.Agents;
using AgentFramework.Citations;
using AgentFramework.Tracing;

namespace AgentFramework.Cli.Reading;

/// <summary>The --json shape of a reading command: text, citations and a trace summary.</summary>
public sealed record ReadingJson(string Pipeline, string Text, IReadOnlyList<CitationJson> Citations, TraceSummaryJson Trace)
{
    public static ReadingJson From(string pipeline, PipelineResult result) =>
        new(pipeline, result.Text, result.Citations.Select(CitationJson.From).ToArray(), TraceSummaryJson.From(result.Trace));
}

public sealed record CitationJson(string Document, int Start, int End, string Quote)
{
    public static CitationJson From(Citation c) => new(c.Document, c.Start, c.End, c.Quote);
}

/// <param name="CachedPromptTokens">Prompt tokens served from the backend's prefix cache (OpenAI's cached_tokens).</param>
public sealed record StageJson(int Calls, int CachedCalls, long PromptTokens, long CompletionTokens, double LatencyMs, long CachedPromptTokens);

public sealed record TraceSummaryJson(int Calls, long PromptTokens, long CompletionTokens, int CachedCalls,
    IReadOnlyDictionary<string, StageJson> Stages, IReadOnlyDictionary<string, long> Counters, long CachedPromptTokens)
{
    /// <summary>What degraded in this run (truncation, fallbacks, short answers, cached replays); empty when nothing did.</summary>
    public IReadOnlyList<TraceNotice> Notices { get; init; } = [];


    public static TraceSummaryJson From(PipelineTrace trace) => new(trace.CallCount, trace.PromptTokens, trace.CompletionTokens, trace.CachedCallCount,
        trace.Stages().ToDictionary(s => s.Key, s => new StageJson(s.Value.Calls, s.Value.CachedCalls, s.Value.PromptTokens, s.Value.CompletionTokens,
            s.Value.Latency.TotalMilliseconds, s.Value.CachedPromptTokens)),
        trace.Counters, trace.CachedPromptTokens) { Notices = [.. trace.Notices.Select(n => n with { Message = Infrastructure.LibraryOptionFlags.Translate(n.Message) })] };

    /// <summary>Each notice once as a "warning: …" line on stderr, so nothing degrades silently.</summary>
    public static void PrintNotices(TextWriter stderr, IEnumerable<PipelineTrace> traces)
    {
        var said = new HashSet<TraceNotice>();
        foreach (var trace in traces)
            foreach (var notice in trace.Notices)
                if (said.Add(notice)) stderr.WriteLine($"warning: {Infrastructure.LibraryOptionFlags.Translate(notice.Message)}");
    }
}

/// <summary>The whole trace for --trace FILE: the summary plus every call and every artefact.</summary>
public sealed record FullTraceJson(string Pipeline, TraceSummaryJson Summary, IReadOnlyList<ModelCallRecord> CallRecords, IReadOnlyList<TraceArtifact> Artifacts)
{
    public static FullTraceJson From(string pipeline, PipelineTrace trace) =>
        new(pipeline, TraceSummaryJson.From(trace), trace.Calls, trace.Artifacts);
}
