using System.Text;
using System.Text.RegularExpressions;
using AgentFramework.Models;
using AgentFramework.Plugins.Prompts;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Agents.NastyText;

/// <summary>
/// Checks one recorded call against the embedded prompt functions: its messages have exactly the roles one function
/// declares, every message's literal template text is unchanged (values only where the template has variables), the
/// document-bearing variables hold text that occurs verbatim in the document, and prompt + reserved output fit the window.
/// </summary>
public static class PromptAudit
{
    private static readonly PromptLibrary Library = new();
    private static readonly string[] DocumentVariables = ["chunk", "document"];

    /// <summary>The variable values of the function the call matches; fails the test when none matches.</summary>
    public static IReadOnlyDictionary<string, string> Check(IReadOnlyList<ChatMessage> messages, int? maxOutputTokens, ModelProfile profile, string documentText, string context)
    {
        int prompt = profile.PromptCounter.CountPromptTokens(messages);
        int output = maxOutputTokens ?? 0;
        Assert.True(output > 0, $"{context}: no max_tokens reserved");
        Assert.True(prompt + output <= profile.ContextLength,
            $"{context}: prompt {prompt} + output {output} > window {profile.ContextLength} ({profile.PromptCounter.Name})");

        foreach (var name in PromptLibrary.EmbeddedFunctions)
        {
            var parts = name.Split('/');
            var template = Library.Get(parts[0], parts[1]).Template;
            if (!template.Messages.Select(m => m.Role).SequenceEqual(messages.Select(m => m.Role))) continue;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            bool all = true;
            for (int i = 0; i < messages.Count && all; i++)
            {
                var match = Pattern(template.Messages[i].Content).Match(messages[i].Text);
                if (!match.Success) { all = false; break; }
                foreach (var variable in template.Variables)
                    if (match.Groups[variable].Success) values[variable] = match.Groups[variable].Value;
            }
            if (!all) continue;
            foreach (var variable in DocumentVariables)
                if (values.TryGetValue(variable, out var value) && value.Length > 0)
                    Assert.True(IsVerbatim(value, documentText), $"{context}: {name} {{{{${variable}}}}} is not verbatim document text");
            return values;
        }
        Assert.Fail($"{context}: the call's messages ({string.Join(", ", messages.Select(m => m.Role))}) match no embedded prompt function's declared messages and literal text");
        return null!;
    }

    /// <summary>A span of the document, or a middle-truncated document (a prefix of it followed by a suffix of it).</summary>
    public static bool IsVerbatim(string value, string document)
    {
        if (document.Contains(value, StringComparison.Ordinal)) return true;
        int prefix = 0;
        while (prefix < value.Length && prefix < document.Length && value[prefix] == document[prefix]) prefix++;
        for (int split = prefix; split >= 0; split--)
            if (document.EndsWith(value[split..], StringComparison.Ordinal)) return true;
        return false;
    }

    // The template's literal text escaped, each variable a lazy group (a repeated variable must repeat its value).
    private static readonly Dictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private static Regex Pattern(string content)
    {
        lock (Patterns)
        {
            if (Patterns.TryGetValue(content, out var cached)) return cached;
            var pattern = new StringBuilder("^");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int last = 0;
            foreach (Match m in Regex.Matches(content, @"\{\{\s*\$([A-Za-z0-9_]+)\s*\}\}"))
            {
                pattern.Append(Regex.Escape(content[last..m.Index]));
                var name = m.Groups[1].Value;
                pattern.Append(seen.Add(name) ? $"(?<{name}>.*?)" : $"\\k<{name}>");
                last = m.Index + m.Length;
            }
            pattern.Append(Regex.Escape(content[last..])).Append('$');
            return Patterns[content] = new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        }
    }
}
