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
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        return Convert.ToHexStringLower(bytes)[..hexChars];
    }
}
