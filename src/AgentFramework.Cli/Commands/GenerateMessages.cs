using System.Text.Json;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Commands;

/// <summary>The conversation <c>agentfw generate</c> sends: --prompt / --prompt-file (one user turn) or --messages FILE.</summary>
internal static class GenerateMessages
{
    public static List<ChatMessage> Read(string? prompt, string? promptFile, string? messagesFile, bool raw)
    {
        int given = (prompt is not null ? 1 : 0) + (promptFile is not null ? 1 : 0) + (messagesFile is not null ? 1 : 0);
        if (given > 1) throw new InvalidOptionException("--prompt", "give one of --prompt, --prompt-file or --messages");
        if (messagesFile is not null)
        {
            if (raw) throw new InvalidOptionException("--raw", "--raw sends one prompt text as is: use --prompt or --prompt-file with it, not --messages");
            return ReadMessagesFile(messagesFile);
        }
        if (promptFile is not null) return [new ChatMessage(ChatRole.User, ReadBounded(promptFile, "--prompt-file"))];
        if (string.IsNullOrWhiteSpace(prompt)) throw new InvalidOptionException("--prompt", "give the message with --prompt TEXT or --prompt-file FILE (or a conversation with --messages FILE)");
        return [new ChatMessage(ChatRole.User, prompt)];
    }

    /// <summary>An OpenAI-style JSON array: [{"role": "system"|"user"|"assistant"|"tool", "content": "..."}, ...].</summary>
    public static List<ChatMessage> ReadMessagesFile(string path)
    {
        var json = ReadBounded(path, "--messages");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidOptionException("--messages", $"--messages {path}: not valid JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0)
                throw new InvalidOptionException("--messages", $"--messages {path}: expected a non-empty JSON array of {{\"role\": ..., \"content\": ...}} objects");
            var messages = new List<ChatMessage>();
            int i = 0;
            foreach (var m in doc.RootElement.EnumerateArray())
            {
                var role = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                if (role is not ("system" or "user" or "assistant" or "tool"))
                    throw new InvalidOptionException("--messages", $"--messages {path}: message {i} needs \"role\": \"system\", \"user\", \"assistant\" or \"tool\"");
                if (!m.TryGetProperty("content", out var c) || c.ValueKind != JsonValueKind.String)
                    throw new InvalidOptionException("--messages", $"--messages {path}: message {i} needs a string \"content\"");
                messages.Add(new ChatMessage(new ChatRole(role), c.GetString()));
                i++;
            }
            return messages;
        }
    }

    /// <summary>Reads a regular file after checking its size: a 50 MB prompt would otherwise be read and tokenised only
    /// to be refused as too long.</summary>
    private static string ReadBounded(string path, string flag)
    {
        if (!File.Exists(path)) throw new InvalidOptionException(flag, $"{flag} '{path}' not found");
        if (AgentFramework.Documents.FileKind.Of(path) != AgentFramework.Documents.FileKindValue.Regular)
            throw new InvalidOptionException(flag, $"{flag} '{path}' is not a regular file");
        long limit = DocumentLimitOptions.Current.MaxFileBytes, size = new FileInfo(path).Length;
        if (size > limit)
            throw new InvalidOptionException(flag, $"{flag} '{path}' is {size} bytes, over the {limit}-byte limit (--max-file-mb); no model context holds that much");
        return File.ReadAllText(path);
    }
}
