using System.Text.Json;

namespace AgentFramework.Evaluation.Reports;

/// <summary>Writes summary.json, report.md and the plots for the rows in results.jsonl of an output folder.</summary>
public static class ReportWriter
{
    public const string ResultsFile = "results.jsonl";
    public const string SummaryFile = "summary.json";
    public const string ReportFile = "report.md";

    public sealed record Written(BenchmarkSummary Summary, IReadOnlyList<string> Files);

    public static Written WriteFromResults(string outputFolder, string baseline = SummaryBuilder.DefaultBaseline, Metrics.MetricDefinitions? metrics = null) =>
        Write(ResultsJournal.Read(Path.Combine(outputFolder, ResultsFile)), outputFolder, baseline, metrics);

    /// <param name="metrics">The metric registry whose labels head the tables (<see cref="Metrics.MetricDefinitions.Default"/> unless given).</param>
    public static Written Write(IReadOnlyList<CaseResult> rows, string outputFolder, string baseline = SummaryBuilder.DefaultBaseline, Metrics.MetricDefinitions? metrics = null)
    {
        Directory.CreateDirectory(outputFolder);
        var summary = SummaryBuilder.Build(rows, baseline, metricDefinitions: metrics);
        var summaryPath = Path.Combine(outputFolder, SummaryFile);
        WriteAtomically(summaryPath, JsonSerializer.Serialize(summary, ReportJson.Indented));
        var plots = rows.Count == 0 ? [] : ResultPlots.Write(summary, rows, outputFolder);
        var reportPath = Path.Combine(outputFolder, ReportFile);
        WriteAtomically(reportPath, MarkdownReport.Render(summary, plots));
        return new Written(summary, [summaryPath, reportPath, .. plots]);
    }

    // Write to a temporary file and move it into place, so a reader never sees half a report.
    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
