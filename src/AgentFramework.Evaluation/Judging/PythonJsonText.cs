using System.Globalization;
using System.Text;
using AgentFramework.Serialization;

namespace AgentFramework.Evaluation.Judging;

/// <summary>
/// Python's <c>json.dumps(..., indent=1)</c> for the bullet list SummHay puts in its judge prompt, so the judge reads
/// byte-for-byte what the official evaluation sends: ensure_ascii escapes (non-ASCII as lowercase \uXXXX per UTF-16
/// unit), ", " never used between items when indenting, ": " after keys.
/// </summary>
internal static class PythonJsonText
{
    /// <summary><c>json.dumps({"bullets": [{"bullet_id": i+1, "text": b} ...]}, indent=1)</c>.</summary>
    public static string Bullets(IReadOnlyList<string> bullets)
    {
        if (bullets.Count == 0) return "{\n \"bullets\": []\n}";
        var text = new StringBuilder("{\n \"bullets\": [\n");
        for (int i = 0; i < bullets.Count; i++)
        {
            text.Append("  {\n   \"bullet_id\": ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(",\n   \"text\": ");
            PythonJsonString.Append(text, bullets[i], ensureAscii: true).Append("\n  }").Append(i + 1 < bullets.Count ? ",\n" : "\n");
        }
        return text.Append(" ]\n}").ToString();
    }
}
