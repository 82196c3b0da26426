using ScottPlot;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// Needle-in-a-haystack heatmaps as Kamradt and RULER draw them: context length across, needle depth down (0% at the
/// top), score 0–100 from red through yellow to green (Kamradt's colours), each cell labelled with its score.
/// One PNG per dataset and pipeline.
/// </summary>
public static class NeedleHeatmap
{
    public const string FilePrefix = "needle_heatmap_";
    private const int Width = 900, Height = 600;

    public static string FileName(string dataset, string pipeline) =>
        FilePrefix + new string($"{dataset}_{pipeline}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()) + ".png";

    public static IReadOnlyList<string> Write(BenchmarkSummary summary, string folder)
    {
        var files = new List<string>();
        foreach (var group in summary.Needles.GroupBy(c => (c.Dataset, c.Pipeline)))
        {
            var lengths = BucketOrder.Sort(group.Select(c => c.Length));
            var depths = group.Select(c => c.DepthPercent).Distinct().Order().ToList();
            var grid = new double[depths.Count, lengths.Count];
            var plot = new Plot();
            for (int row = 0; row < depths.Count; row++)
                for (int column = 0; column < lengths.Count; column++)
                {
                    var cell = group.FirstOrDefault(c => c.DepthPercent == depths[row] && c.Length == lengths[column]);
                    grid[row, column] = cell?.Score ?? double.NaN;
                }
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Color.FromHex("#F0496E"), Color.FromHex("#EBB839"), Color.FromHex("#0CD79F")]);
            heatmap.ManualRange = new ScottPlot.Range(0, 100);
            // Row 0 of the grid is drawn at the top, so depth 0% sits at the highest y (Kamradt's orientation).
            int top = depths.Count - 1;
            heatmap.Position = new CoordinateRect(0, lengths.Count - 1, 0, top);
            for (int row = 0; row < depths.Count; row++)
                for (int column = 0; column < lengths.Count; column++)
                    if (!double.IsNaN(grid[row, column]))
                    {
                        var label = plot.Add.Text(grid[row, column].ToString("0", System.Globalization.CultureInfo.InvariantCulture), column, top - row);
                        label.Alignment = Alignment.MiddleCenter;
                        label.LabelFontSize = 14;
                    }
            plot.Add.ColorBar(heatmap).Label = "score (0–100)";
            plot.Axes.Bottom.SetTicks(lengths.Select((_, i) => (double)i).ToArray(), lengths.ToArray());
            plot.Axes.Left.SetTicks(depths.Select((_, i) => (double)(top - i)).ToArray(), depths.Select(d => $"{d}%").ToArray());
            plot.Axes.SetLimits(-0.5, lengths.Count - 0.5, -0.5, top + 0.5);
            plot.Title($"Needle in a haystack: {group.Key.Dataset}, {group.Key.Pipeline}");
            plot.XLabel("context length (tokens, bucket)");
            plot.YLabel("needle depth (% of haystack before it)");
            var path = Path.Combine(folder, FileName(group.Key.Dataset, group.Key.Pipeline));
            plot.SavePng(path, Width, Height);
            files.Add(path);
        }
        return files;
    }
}
