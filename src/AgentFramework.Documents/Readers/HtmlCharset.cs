using System.Text;
using System.Text.RegularExpressions;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// The character encoding an HTML file declares in its first kilobyte: <c>&lt;meta charset=…&gt;</c> or
/// <c>&lt;meta http-equiv="Content-Type" content="text/html; charset=…"&gt;</c>. Only consulted when the file has
/// no byte order mark, as browsers do.
/// </summary>
internal static partial class HtmlCharset
{
    private const int PrescanBytes = 1024;

    /// <summary>The declared charset label (e.g. "windows-1252"), or null when the file declares none.</summary>
    public static string? Declared(ReadOnlySpan<byte> bytes)
    {
        // Every byte maps to one char in Latin-1, so ASCII markup reads correctly whatever the real encoding.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]);
        foreach (Match meta in MetaTag().Matches(head))
        {
            var charset = CharsetAttribute().Match(meta.Value);
            if (charset.Success) return charset.Groups[1].Value;
        }
        return null;
    }

    /// <summary>
    /// The encoding for a charset label, or null when .NET knows none by that name. Labels browsers read as
    /// windows-1252 (iso-8859-1, latin1, us-ascii) get windows-1252, whose printable range is a superset of
    /// Latin-1 (curly quotes and dashes at 0x80–0x9F); UTF-16 labels are ignored, as an ASCII-readable
    /// declaration cannot be UTF-16.
    /// </summary>
    public static Encoding? Resolve(string label)
    {
        var name = label.Trim().ToLowerInvariant();
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso_8859-1" or "cp1252")
            name = "windows-1252";
        if (name.StartsWith("utf-16", StringComparison.Ordinal) || name.StartsWith("utf-32", StringComparison.Ordinal)) return null;
        // Code pages beyond UTF/Latin-1 come from the shared framework's provider, without registering it globally.
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(name);
        if (encoding is not null) return encoding;
        if (name == "windows-1252") return Encoding.Latin1;
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_.:\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetAttribute();
}
