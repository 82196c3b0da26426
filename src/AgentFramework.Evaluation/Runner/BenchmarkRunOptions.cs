namespace AgentFramework.Evaluation.Runner;

/// <summary>How a benchmark run proceeds.</summary>
public sealed class BenchmarkRunOptions
{
    /// <summary>Pipeline runs in flight at once (each may make several model calls).</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Pipeline whose scores the others are compared with in the report.</summary>
    public string Baseline { get; set; } = Reports.SummaryBuilder.DefaultBaseline;

    /// <summary>Receives one-line notices (e.g. waiting for another run that holds the output folder).</summary>
    public Action<string>? Notice { get; set; }
}
