using System.Security.Cryptography;
using System.Text;

namespace AgentFramework.Documents;

/// <summary>Content-addressed identifiers: the same text always gets the same id.</summary>
public static class DocumentId
{
    public static string ForText(string text) => Hash(text, 16);

    /// <summary>Lower-case hex of the first <paramref name="hexChars"/>/2 bytes of SHA-256 over UTF-8.</summary>
    public static string Hash(string value, int hexChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hexChars);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hexChars, SHA256.HashSizeInBytes * 2);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        // Hex by a table rather than Convert.ToHexStringLower, whose vector path is compiled at start-up (issue 15).
        Span<char> hex = stackalloc char[hexChars];
        for (int i = 0; i < hexChars; i++) hex[i] = HexDigits[(hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF];
        return new string(hex);
    }

    private const string HexDigits = "0123456789abcdef";
}
