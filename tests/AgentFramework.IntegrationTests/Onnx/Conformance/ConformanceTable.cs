using System.Text;

namespace AgentFramework.IntegrationTests.Onnx.Conformance;

/// <summary>Rows of fixture × case × chunking → equal / not, written to the test output and a markdown file.</summary>
internal sealed class ConformanceTable(string fixture)
{
    private readonly List<(string Case, string Setup, bool Equal, string Detail)> _rows = [];
    private readonly List<string> _notes = [];

    public bool AllEqual => _rows.All(r => r.Equal);

    public void Add(string testCase, string setup, int[] expected, int[] actual)
    {
        bool equal = expected.AsSpan().SequenceEqual(actual);
        _rows.Add((testCase, setup, equal, equal ? $"{actual.Length} tokens" : $"GenAI [{string.Join(",", expected)}] ours [{string.Join(",", actual)}]"));
    }

    public void Note(string text) => _notes.Add(text);

    public string Failures() => string.Join("; ", _rows.Where(r => !r.Equal).Select(r => $"{fixture} {r.Case} {r.Setup}: {r.Detail}"));

    public void Write()
    {
        var text = new StringBuilder();
        foreach (var r in _rows) text.AppendLine($"| {fixture} | {r.Case} | {r.Setup} | {(r.Equal ? "equal" : "NOT equal")} | {r.Detail} |");
        foreach (var n in _notes) text.AppendLine($"| {fixture} | {n} | | | |");
        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
        var folder = Path.Combine(Path.GetTempPath(), "agentfw-conformance");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, fixture + ".md"), text.ToString());
    }
}
