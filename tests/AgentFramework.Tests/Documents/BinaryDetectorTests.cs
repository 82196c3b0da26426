using System.Text;
using AgentFramework.Documents;

namespace AgentFramework.Tests.Documents;

public class BinaryDetectorTests
{
    [Fact]
    public void Text_is_not_binary() => Assert.False(BinaryDetector.LooksBinary("hello\tworld\r\n"u8));

    [Fact]
    public void Nul_byte_means_binary() => Assert.True(BinaryDetector.LooksBinary([.. "PK"u8, 0x03, 0x04, 0x00, 0x00, .. "rest"u8]));

    [Fact]
    public void Many_control_bytes_mean_binary() =>
        Assert.True(BinaryDetector.LooksBinary(Enumerable.Range(0, 400).Select(i => (byte)(i % 3 == 0 ? 0x01 : 'a')).ToArray()));

    [Fact]
    public void Utf16_with_bom_is_text_despite_nul_bytes() =>
        Assert.False(BinaryDetector.LooksBinary([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("plain ascii")]));
}
