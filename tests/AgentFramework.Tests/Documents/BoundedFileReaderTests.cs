using System.Security.Cryptography;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Tests.Documents;

/// <summary>
/// The synchronous bounded read (issue 15, start-up): a file in one array of its stated size, a file whose size is not
/// stated (/proc) read to its end, and the limit enforced either way.
/// </summary>
public class BoundedFileReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(81920)]
    [InlineData(300_001)]
    public void A_file_is_read_whole(int size)
    {
        using var folder = new TempFolder();
        var bytes = RandomNumberGenerator.GetBytes(size);
        var path = folder.Write("data.bin", bytes);
        Assert.Equal(bytes, BoundedFileReader.Read(path, "data.bin", size, Ct));
        var e = Assert.Throws<DocumentLoadException>(() => BoundedFileReader.Read(path, "data.bin", size - 1, Ct));
        if (size > 0) Assert.Contains($"data.bin: the file is {size} bytes, over the {size - 1}-byte limit", e.Message);
    }

    [Fact]
    public void A_file_without_a_stated_size_is_read_to_its_end_within_the_limit()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"), "/proc files state size 0 on Linux");
        Assert.Equal(0, new FileInfo("/proc/self/maps").Length);
        var read = BoundedFileReader.Read("/proc/self/maps", "maps", 10_000_000, Ct);
        Assert.Contains("[stack]", System.Text.Encoding.ASCII.GetString(read)); // all of it: the stack is listed near the end
        var e = Assert.Throws<DocumentLoadException>(() => BoundedFileReader.Read("/proc/self/maps", "maps", 100, Ct));
        Assert.Contains("maps: the file is larger than that, over the 100-byte limit", e.Message);
    }
}
