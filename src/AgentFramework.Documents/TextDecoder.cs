using System.Text;

namespace AgentFramework.Documents;

/// <summary>The decoded text of a file and any warnings about bytes that could not be decoded.</summary>
internal sealed record DecodedText(string Text, IReadOnlyList<string> Warnings);

/// <summary>
/// Decodes file bytes: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, or an encoding the file declares. Invalid sequences become U+FFFD and a
/// warning, never an exception. Line endings are normalised to "\n" (CRLF and lone CR), so every offset and line
/// number in a <see cref="Document"/> is computed over the same text the user sees.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding LenientUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string path) => Decode(bytes, path, declaredEncoding: null);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte}, string)"/>, but bytes without a byte order mark are read in
    /// <paramref name="declaredEncoding"/> (an encoding the file declares itself, such as an HTML meta charset)
    /// when it is given and is not UTF-8.
    /// </summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string path, Encoding? declaredEncoding)
    {
        bool hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (!hasBom && declaredEncoding is not null && declaredEncoding.CodePage != Encoding.UTF8.CodePage)
        {
            var declaredWarnings = new List<string>();
            return new DecodedText(NormalizeLineEndings(DecodeDeclared(bytes, declaredEncoding, path, declaredWarnings)), declaredWarnings);
        }

        var warnings = new List<string>();
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            text = DecodeUtf16(bytes[2..], bigEndian: false, path, warnings);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            text = DecodeUtf16(bytes[2..], bigEndian: true, path, warnings);
        else
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
            text = DecodeUtf8(bytes, path, warnings);
        }
        return new DecodedText(NormalizeLineEndings(text), warnings);
    }

    /// <summary>CRLF and lone CR become LF; everything else is kept as read.</summary>
    public static string NormalizeLineEndings(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string path, List<string> warnings)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Count the invalid sequences so the warning says how much was lost and where the first one is.
            int invalid = 0, first = -1, offset = 0;
            var rest = bytes;
            while (!rest.IsEmpty)
            {
                var status = System.Text.Rune.DecodeFromUtf8(rest, out _, out int consumed);
                if (status != System.Buffers.OperationStatus.Done) { invalid++; if (first < 0) first = offset; }
                rest = rest[consumed..];
                offset += consumed;
            }
            warnings.Add($"{path}: {invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD (first at byte {first}); save the file as UTF-8 to avoid this");
            return LenientUtf8.GetString(bytes);
        }
    }

    private static string DecodeDeclared(ReadOnlySpan<byte> bytes, Encoding encoding, string path, List<string> warnings)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var lenient = (Encoding)encoding.Clone();
            lenient.DecoderFallback = DecoderFallback.ReplacementFallback;
            warnings.Add($"{path}: byte sequence(s) invalid in the declared encoding {encoding.WebName} replaced with U+FFFD; check the file's charset declaration");
            return lenient.GetString(bytes);
        }
    }

    private static string DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian, string path, List<string> warnings)
    {
        var strict = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var lenient = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: false);
            var text = lenient.GetString(bytes);
            warnings.Add($"{path}: invalid UTF-16 sequence(s) (unpaired surrogate or odd byte count) replaced with U+FFFD");
            return text;
        }
    }
}
