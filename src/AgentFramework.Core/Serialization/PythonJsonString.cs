using System.Globalization;
using System.Text;

namespace AgentFramework.Serialization;

/// <summary>
/// A string literal as Python's <c>json.dumps</c> writes it (CPython Lib/json/encoder.py: py_encode_basestring and,
/// with ensure_ascii, py_encode_basestring_ascii, whose ESCAPE_ASCII class is <c>[^\ -~]</c>, so DEL is escaped too).
/// Shared by chat templates' <c>tojson</c> and the benchmarks' judge prompts, which must read byte for byte as Python's.
/// </summary>
public static class PythonJsonString
{
    /// <summary>Appends <paramref name="value"/> quoted and escaped; non-ASCII as lowercase \uXXXX per UTF-16 unit when <paramref name="ensureAscii"/>.</summary>
    public static StringBuilder Append(StringBuilder text, string value, bool ensureAscii)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"');
    }

    /// <summary><paramref name="value"/> as a JSON string literal, as <c>json.dumps(value, ensure_ascii=...)</c> gives it.</summary>
    public static string Quote(string value, bool ensureAscii = true) =>
        Append(new StringBuilder(value.Length + 2), value, ensureAscii).ToString();
}
