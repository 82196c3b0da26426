using ScottPlot;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// The report figures as PNG (ScottPlot): score (0–100) vs length per pipeline (buckets on a categorical axis in size
/// order, the axis named in the buckets' unit), score vs prompt tokens (one point per scored case), mean wall time per
/// pipeline over timed runs (no failures, no cached replays), and the needle heatmaps. Legends sit outside the data
/// area, so they never cover a point, and list every pipeline.
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
        return [WriteScoreVsLength(summary, folder), WriteScoreVsPromptTokens(rows, folder), WriteLatency(summary, folder), .. NeedleHeatmap.Write(summary, folder)];
    }

    private static string WriteScoreVsLength(BenchmarkSummary summary, string folder)
    {
        var plot = new Plot();
        var positions = summary.Buckets.Select((_, i) => (double)i).ToArray();
        for (int index = 0; index < summary.Pipelines.Count; index++)
        {
            var pipeline = summary.Pipelines[index];
            var xs = new List<double>(); var ys = new List<double>();
            for (int i = 0; i < summary.Buckets.Count; i++)
                if (pipeline.ByBucket.TryGetValue(summary.Buckets[i], out var s)) { xs.Add(i); ys.Add(s.MeanScore); }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.LegendText = pipeline.Pipeline;
            line.LineWidth = 2;
            Distinguish(line, index);
        }
        plot.Axes.Bottom.SetTicks(positions, summary.Buckets.ToArray());
        plot.Axes.SetLimitsX(-0.5, Math.Max(0.5, summary.Buckets.Count - 0.5));
        plot.Axes.SetLimitsY(-5, 105);
        return Save(plot, folder, ScoreVsLength, "Score vs length (macro average over tasks)", summary.BucketAxis, "score (0–100)");
    }

    private static string WriteScoreVsPromptTokens(IReadOnlyList<CaseResult> rows, string folder)
    {
        var plot = new Plot();
        // Every pipeline gets a legend entry, even one with no scored case.
        var pipelines = rows.Select(r => r.Pipeline).Distinct().ToList();
        for (int index = 0; index < pipelines.Count; index++)
        {
            var scored = rows.Where(r => r.Pipeline == pipelines[index] && r.Error is null).ToList();
            var points = plot.Add.ScatterPoints(scored.Select(r => (double)r.PromptTokens).ToArray(), scored.Select(r => r.Score * 100).ToArray());
            points.LegendText = scored.Count == 0 ? $"{pipelines[index]} (no scored case)" : pipelines[index];
            Distinguish(points, index);
        }
        plot.Axes.SetLimitsY(-5, 105);
        return Save(plot, folder, ScoreVsPromptTokens, "Score vs prompt tokens (one point per scored case)", "prompt tokens per case", "score (0–100)");
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
        return Save(plot, folder, LatencyByPipeline, "Mean wall time per run (scored, not cached)", "pipeline", "seconds", legend: false);
    }

    // Coinciding points stay visible: each series gets its own marker shape, and later series smaller markers.
    private static readonly MarkerShape[] Shapes = [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp,
        MarkerShape.OpenDiamond, MarkerShape.Cross, MarkerShape.OpenCircle, MarkerShape.FilledSquare, MarkerShape.Eks];

    private static void Distinguish(ScottPlot.Plottables.Scatter series, int index)
    {
        series.MarkerShape = Shapes[index % Shapes.Length];
        series.MarkerSize = Math.Max(5, 13 - 2 * index);
    }

    private static string Save(Plot plot, string folder, string file, string title, string xLabel, string yLabel, bool legend = true)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend) plot.ShowLegend(Edge.Right);
        var path = Path.Combine(folder, file);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
