using AgentFramework.Serialization;

namespace AgentFramework.Tests.Serialization;

/// <summary>
/// Python's json.dumps string escaping (CPython Lib/json/encoder.py): with ensure_ascii everything outside space..'~'
/// is escaped, DEL and surrogate halves included; without it only the C0 controls, quote and backslash are.
/// </summary>
public class PythonJsonStringTests
{
    [Theory]
    [InlineData("plain", true, "\"plain\"")]
    [InlineData("a\u007f", true, "\"a\\u007f\"")]
    [InlineData("a\u007f", false, "\"a\u007f\"")]
    [InlineData("D\u00fcsseldorf \U0001F600", true, "\"D\\u00fcsseldorf \\ud83d\\ude00\"")]
    [InlineData("D\u00fcsseldorf", false, "\"D\u00fcsseldorf\"")]
    [InlineData("q\"b\\n\n\r\t\b\f\u0001\u001f", true, "\"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u0001\\u001f\"")]
    public void Quotes_as_python_json_dumps(string value, bool ensureAscii, string expected) =>
        Assert.Equal(expected, PythonJsonString.Quote(value, ensureAscii));
}
