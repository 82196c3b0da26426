using AgentFramework.Agents.Text;
using System.Text;
using System.Text.RegularExpressions;
using AgentFramework.Tokens;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>
/// What the writer sees of the draft instead of the whole draft: a summary of the sections written so far and the end
/// of the last one, each bounded in tokens. The summary is built without a model call, from each section's main point
/// and opening sentence, newest sections kept first when the budget runs out (so the call count stays 1 + sections +
/// corrections and the context never grows with the draft).
/// </summary>
public sealed partial class RollingContext(ITokenCounter counter)
{
    private readonly List<(PlannedSection Section, string Text)> _written = [];

    public void Add(PlannedSection section, string text) => _written.Add((section, text));

    public string Summary(int maxTokens)
    {
        if (_written.Count == 0) return "(nothing written yet)";
        var lines = new List<string>();
        int used = 0;
        for (int i = _written.Count - 1; i >= 0; i--)
        {
            var (section, text) = _written[i];
            var opening = FirstSentence().Match(text.Trim()).Value.Trim();
            var line = $"Section {section.Number}, {section.Title}: {section.MainPoint}" + (opening.Length > 0 ? $" It opens: \"{opening}\"" : "");
            int cost = counter.CountTokens(line) + 1;
            if (used + cost > maxTokens)
            {
                if (lines.Count == 0) lines.Add(TokenBudget.KeepStart(counter, line, maxTokens));
                break;
            }
            lines.Add(line);
            used += cost;
        }
        lines.Reverse();
        var sb = new StringBuilder();
        foreach (var line in lines) sb.AppendLine(line);
        return sb.ToString().TrimEnd();
    }

    public string PreviousEnding(int maxTokens) =>
        _written.Count == 0 ? "(this is the first section)" : TokenBudget.KeepEnd(counter, _written[^1].Text, maxTokens);

    [GeneratedRegex(@"^[^.!?\n]{1,300}[.!?]?")]
    private static partial Regex FirstSentence();
}
