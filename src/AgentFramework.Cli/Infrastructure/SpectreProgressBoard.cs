using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The terminal form of <see cref="ProgressBoard"/>: a Spectre.Console progress display on stderr with, per row, the
/// item and its current stage, a bar, done/total with the unit, percent, rate, ETA and elapsed time.
/// </summary>
public sealed class SpectreProgressBoard(ProgressContext context) : ProgressBoard
{
    public static Task<T> RunAsync<T>(Func<ProgressBoard, Task<T>> work, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new CountColumn(),
                new PercentageColumn(), new RateColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new SpectreProgressBoard(context)));
    }

    public override ProgressItem Add(string name, string unit, double total)
    {
        var task = context.AddTask(Markup.Escape(name), autoStart: true, maxValue: Math.Max(total, 1));
        task.Tag = unit;
        return new Item(task, name);
    }

    private sealed class Item(ProgressTask task, string name) : ProgressItem
    {
        public override void Update(double done, double total, string? detail = null, bool milestone = false)
        {
            if (total > 0) task.MaxValue = total;
            task.Value = Math.Min(done, task.MaxValue);
            task.Description = Markup.Escape(detail is null ? name : $"{name} · {Shorten(detail, 48)}");
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    /// <summary>"12/40 runs".</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Value:0.##}/{task.MaxValue:0.##} {task.Tag as string}");
    }

    /// <summary>Units per second, minute or hour, from Spectre's own speed estimate.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed and > 0 ? Rate(speed, task.Tag as string ?? "") : "", new Style(Color.Grey));
    }
}
