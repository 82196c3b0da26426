using ScottPlot;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// The three report figures as PNG (ScottPlot): score vs context length per pipeline (buckets on a categorical axis in
/// size order), score vs prompt tokens (one point per case), and mean wall time per pipeline.
/// </summary>
public static class ResultPlots
{
    public const string ScoreVsLength = "score_vs_context_length.png";
    public const string ScoreVsPromptTokens = "score_vs_prompt_tokens.png";
    public const string LatencyByPipeline = "latency_by_pipeline.png";
    private const int Width = 900, Height = 540;

    public static IReadOnlyList<string> Write(BenchmarkSummary summary, IReadOnlyList<CaseResult> rows, string folder)
    {
        Directory.CreateDirectory(folder);
        return [WriteScoreVsLength(summary, folder), WriteScoreVsPromptTokens(rows, folder), WriteLatency(summary, folder)];
    }

    private static string WriteScoreVsLength(BenchmarkSummary summary, string folder)
    {
        var plot = new Plot();
        var positions = summary.Buckets.Select((_, i) => (double)i).ToArray();
        foreach (var pipeline in summary.Pipelines)
        {
            var xs = new List<double>(); var ys = new List<double>();
            for (int i = 0; i < summary.Buckets.Count; i++)
                if (pipeline.ByBucket.TryGetValue(summary.Buckets[i], out var s)) { xs.Add(i); ys.Add(s.MeanScore); }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.LegendText = pipeline.Pipeline;
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }
        plot.Axes.Bottom.SetTicks(positions, summary.Buckets.ToArray());
        plot.Axes.SetLimitsX(-0.5, Math.Max(0.5, summary.Buckets.Count - 0.5));
        plot.Axes.SetLimitsY(-0.05, 1.05);
        return Save(plot, folder, ScoreVsLength, "Score vs context length", "context length (tokens, bucket)", "mean score");
    }

    private static string WriteScoreVsPromptTokens(IReadOnlyList<CaseResult> rows, string folder)
    {
        var plot = new Plot();
        foreach (var group in rows.Where(r => r.Error is null).GroupBy(r => r.Pipeline))
        {
            var points = plot.Add.ScatterPoints(group.Select(r => (double)r.PromptTokens).ToArray(), group.Select(r => r.Score).ToArray());
            points.LegendText = group.Key;
            points.MarkerSize = 7;
        }
        plot.Axes.SetLimitsY(-0.05, 1.05);
        return Save(plot, folder, ScoreVsPromptTokens, "Score vs prompt tokens (one point per case)", "prompt tokens per case", "score");
    }

    private static string WriteLatency(BenchmarkSummary summary, string folder)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < summary.Pipelines.Count; i++)
        {
            var bar = plot.Add.Bar(i, summary.Pipelines[i].MeanWallSeconds);
            bar.Color = palette.GetColor(i);
        }
        plot.Axes.Bottom.SetTicks(summary.Pipelines.Select((_, i) => (double)i).ToArray(), summary.Pipelines.Select(p => p.Pipeline).ToArray());
        plot.Axes.Margins(bottom: 0);
        return Save(plot, folder, LatencyByPipeline, "Mean wall time per case", "pipeline", "seconds", legend: false);
    }

    private static string Save(Plot plot, string folder, string file, string title, string xLabel, string yLabel, bool legend = true)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend) plot.ShowLegend(Alignment.LowerLeft);
        var path = Path.Combine(folder, file);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
