namespace AgentFramework.Onnx.Chat;

/// <summary>
/// A piece of a rendered prompt: template scaffolding (control text, where special tokens such as &lt;|im_start|&gt;
/// are recognised) or message content (plain text: special-token strings inside it stay ordinary text, so a
/// document cannot forge a chat turn).
/// </summary>
public readonly record struct PromptSegment(string Text, bool IsContent);

/// <summary>A rendered chat prompt.</summary>
public sealed class RenderedPrompt
{
    private readonly List<PromptSegment> _segments = [];

    public IReadOnlyList<PromptSegment> Segments => _segments;

    public RenderedPrompt Control(string text) { if (text.Length > 0) _segments.Add(new(text, false)); return this; }

    public RenderedPrompt Content(string text) { if (text.Length > 0) _segments.Add(new(text, true)); return this; }

    /// <summary>The prompt as one string and, per character, whether it came from message content.</summary>
    public (string Text, bool[] ContentMarks) TextAndMarks()
    {
        var marks = new List<bool>();
        foreach (var s in _segments) marks.AddRange(Enumerable.Repeat(s.IsContent, s.Text.Length));
        return (ToString(), [.. marks]);
    }

    /// <summary>The prompt as one string (what a Jinja chat template would produce).</summary>
    public override string ToString() => string.Concat(_segments.Select(s => s.Text));
}
