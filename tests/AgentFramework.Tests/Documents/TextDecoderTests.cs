using System.Text;
using AgentFramework.Documents;

namespace AgentFramework.Tests.Documents;

public class TextDecoderTests
{
    private const string Sample = "Grüße, 世界 😀\nline two";

    [Fact]
    public void Utf8_without_bom() => AssertDecodes(Encoding.UTF8.GetBytes(Sample));

    [Fact]
    public void Utf8_with_bom_drops_the_bom() => AssertDecodes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)]);

    [Fact]
    public void Utf16_little_endian_with_bom() => AssertDecodes([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Sample)]);

    [Fact]
    public void Utf16_big_endian_with_bom() => AssertDecodes([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Sample)]);

    [Fact]
    public void Invalid_utf8_bytes_become_replacement_characters_with_a_warning()
    {
        byte[] bytes = [.. "abc "u8, 0xFF, 0xFE, .. " def "u8, 0xC3, .. " end"u8];
        var decoded = TextDecoder.Decode(bytes, "bad.txt");
        Assert.StartsWith("abc ", decoded.Text);
        Assert.EndsWith(" end", decoded.Text);
        Assert.Contains('\uFFFD', decoded.Text);
        var warning = Assert.Single(decoded.Warnings);
        Assert.Contains("bad.txt", warning);
        Assert.Contains("3 invalid UTF-8", warning);
        Assert.Contains("byte 4", warning);
    }

    [Fact]
    public void Crlf_and_lone_cr_become_lf()
    {
        var decoded = TextDecoder.Decode("a\r\nb\rc\n"u8, "x.txt");
        Assert.Equal("a\nb\nc\n", decoded.Text);
        Assert.Empty(decoded.Warnings);
    }

    private static void AssertDecodes(byte[] bytes)
    {
        var decoded = TextDecoder.Decode(bytes, "f.txt");
        Assert.Equal(Sample, decoded.Text);
        Assert.Empty(decoded.Warnings);
    }
}
