using System.Net;
using System.Text.RegularExpressions;
using AgentFramework.Errors;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Prompts;

/// <summary>One message a template declares: its role and its content template (SK template syntax).</summary>
public sealed record MessageTemplate(ChatRole Role, string Content);

/// <summary>
/// A prompt template whose message structure is fixed before any value is seen. skprompt.txt declares its messages as
/// <c>&lt;message role="…"&gt;…&lt;/message&gt;</c> blocks (Semantic Kernel's chat prompt syntax), parsed once from the
/// template text alone; each message's content is then rendered on its own with the values inserted verbatim (no HTML
/// encoding, no re-parsing). So no character of a document or of a model's output — control characters, markup,
/// entities, template syntax, special-token strings — can add, remove or re-role a message, or leave an entity or tag
/// in the text the model reads. A template that does not parse into its declared messages is an error, never a
/// fallback to "everything as one user message".
/// </summary>
public sealed partial class ChatPromptTemplate
{
    private readonly IReadOnlyList<IPromptTemplate> _contents;

    private ChatPromptTemplate(string source, IReadOnlyList<MessageTemplate> messages, IReadOnlyList<IPromptTemplate> contents, IReadOnlySet<string> variables)
    {
        Source = source;
        Messages = messages;
        _contents = contents;
        Variables = variables;
    }

    /// <summary>Where the template came from (embedded Prompts/… or the --prompts folder), for error messages.</summary>
    public string Source { get; }

    public IReadOnlyList<MessageTemplate> Messages { get; }

    /// <summary>The names of the <c>{{$name}}</c> variables the messages use.</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>
    /// Parses <paramref name="template"/>: either only <c>&lt;message role&gt;</c> blocks (whitespace between them), or
    /// text without any message tag (one user message, as SK treats a plain prompt). Entities in the template's own
    /// text (it is XML by SK's convention) are decoded here, once.
    /// </summary>
    /// <param name="fail">Builds the exception for a malformed template (a user error for --prompts, a bug for embedded ones).</param>
    public static ChatPromptTemplate Parse(string template, string source, Func<string, Exception> fail, IEnumerable<InputVariable>? inputVariables = null)
    {
        var messages = new List<MessageTemplate>();
        if (!template.Contains("<message", StringComparison.OrdinalIgnoreCase) && !template.Contains("</message", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(template)) throw fail($"{source}/skprompt.txt is empty: write at least one <message role=\"user\">…</message>");
            messages.Add(new MessageTemplate(ChatRole.User, WebUtility.HtmlDecode(template.Trim())));
        }
        else
        {
            int position = 0;
            while (true)
            {
                int next = SkipWhitespace(template, position);
                if (next == template.Length) break;
                var match = MessageBlock().Match(template, next);
                if (!match.Success || match.Index != next)
                    throw fail($"{source}/skprompt.txt does not yield its declared messages: expected <message role=\"system|user|assistant\">…</message> at line {LineOf(template, next)}, found '{Excerpt(template, next)}'");
                string content = match.Groups["content"].Value;
                if (content.Contains("<message", StringComparison.OrdinalIgnoreCase))
                    throw fail($"{source}/skprompt.txt nests a <message> inside another at line {LineOf(template, match.Groups["content"].Index)}: close each message before the next");
                messages.Add(new MessageTemplate(ParseRole(match.Groups["role"].Value, source, fail), WebUtility.HtmlDecode(content)));
                position = match.Index + match.Length;
            }
            if (messages.Count == 0) throw fail($"{source}/skprompt.txt declares no message");
        }

        var variables = new HashSet<string>(StringComparer.Ordinal);
        var contents = new List<IPromptTemplate>();
        var factory = new KernelPromptTemplateFactory { AllowDangerouslySetContent = true };
        foreach (var message in messages)
        {
            foreach (Match v in VariableReference().Matches(message.Content)) variables.Add(v.Groups["name"].Value);
            // Verbatim values: the message boundaries are already fixed, so nothing needs encoding against re-parsing.
            var config = new PromptTemplateConfig(message.Content) { AllowDangerouslySetContent = true };
            foreach (var input in inputVariables ?? [])
                config.InputVariables.Add(new InputVariable(input) { AllowDangerouslySetContent = true });
            try
            {
                contents.Add(factory.Create(config));
            }
            catch (KernelException e)
            {
                throw fail($"{source}/skprompt.txt has a template error in its {message.Role} message: {e.Message}");
            }
        }
        return new ChatPromptTemplate(source, messages, contents, variables);
    }

    /// <summary>The messages with <paramref name="variables"/> inserted verbatim; every variable a message uses must be given.</summary>
    public async Task<IReadOnlyList<ChatMessage>> RenderAsync(Kernel kernel, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        foreach (var name in Variables)
            if (!variables.ContainsKey(name))
                throw new InvalidOptionException("AgentFrameworkOptions.PromptsDirectory", $"{Source}/skprompt.txt uses {{{{${name}}}}}, which this function does not provide; it provides: {string.Join(", ", variables.Keys.Order(StringComparer.Ordinal))}");
        var arguments = new KernelArguments();
        foreach (var (name, value) in variables) arguments[name] = value;
        var rendered = new ChatMessage[Messages.Count];
        for (int i = 0; i < Messages.Count; i++)
            rendered[i] = new ChatMessage(Messages[i].Role, await _contents[i].RenderAsync(kernel, arguments, cancellationToken).ConfigureAwait(false));
        return rendered;
    }

    private static ChatRole ParseRole(string role, string source, Func<string, Exception> fail) => role.ToLowerInvariant() switch
    {
        "system" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        _ => throw fail($"{source}/skprompt.txt has a message with role '{role}': use system, user or assistant"),
    };

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        return position;
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    private static string Excerpt(string text, int index)
    {
        var line = text[index..Math.Min(text.Length, index + 40)];
        int newline = line.IndexOf('\n');
        return newline >= 0 ? line[..newline] : line;
    }

    [GeneratedRegex("""<message\s+role\s*=\s*["'](?<role>[^"']*)["']\s*>(?<content>.*?)</message\s*>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageBlock();

    [GeneratedRegex(@"\{\{\s*\$(?<name>[A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex VariableReference();
}
