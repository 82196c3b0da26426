using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>
/// Hostile inputs generated at test time (nothing checked in): deep nesting, decompression bombs, special files,
/// unreadable entries and a huge single line. Each is small on disk; what it would cost a naive reader is in its name.
/// </summary>
internal static class HostileFiles
{
    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>(file name, how to make it); a null maker result means the case cannot be made here (the reason).</summary>
    public static IReadOnlyList<(string Name, Func<string, string?> Make)> All { get; } =
    [
        ("nested-100k-paragraphs.docx", p => { WriteDocx(p, NestedParagraphs(100_000)); return null; }),
        ("zip-bomb-256mb.docx", p => { WriteDocxBomb(p, 256L << 20); return null; }),
        ("flate-bomb-200mb.pdf", p => { WriteFlateBombPdf(p, 200L << 20); return null; }),
        ("nested-200k-divs.html", p => { File.WriteAllText(p, "<html><body>" + Repeat("<div>x", 200_000) + Repeat("</div>", 200_000) + "</body></html>"); return null; }),
        ("unclosed-1m-tags.html", p => { File.WriteAllText(p, "<html><body>" + Repeat("<b>", 1_000_000)); return null; }),
        ("fifo.txt", MakeFifo),
        ("dev-zero-link.txt", p => { File.CreateSymbolicLink(p, "/dev/zero"); return null; }),
        ("proc-mem-link.txt", p => File.Exists("/proc/self/mem") ? Link(p, "/proc/self/mem") : "no /proc/self/mem here"),
        ("broken-link.md", p => { File.CreateSymbolicLink(p, p + ".missing"); return null; }),
        ("no-permission.txt", MakeUnreadable),
        ("huge-single-line.txt", p => { WriteHugeLine(p, 9_000_000); return null; }),
    ];

    private static string? Link(string path, string target) { File.CreateSymbolicLink(path, target); return null; }

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    private static string NestedParagraphs(int depth) =>
        $"<w:document xmlns:w=\"{WordNs}\"><w:body>" + Repeat("<w:p><w:r><w:t>x</w:t></w:r>", depth) + Repeat("</w:p>", depth) + "</w:body></w:document>";

    private static void WriteDocx(string path, string documentXml)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        WritePackageParts(zip);
        using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
        writer.Write(documentXml);
    }

    private static void WritePackageParts(ZipArchive zip)
    {
        using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            w.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        using (var w = new StreamWriter(zip.CreateEntry("_rels/.rels").Open()))
            w.Write("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    }

    /// <summary>A paragraph whose text is <paramref name="bytes"/> of 'a': a few hundred KB zipped.</summary>
    private static void WriteDocxBomb(string path, long bytes)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        WritePackageParts(zip);
        using var stream = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes($"<w:document xmlns:w=\"{WordNs}\"><w:body><w:p><w:r><w:t>"));
        var block = Enumerable.Repeat((byte)'a', 1 << 20).ToArray();
        for (long written = 0; written < bytes; written += block.Length) stream.Write(block);
        stream.Write(Encoding.UTF8.GetBytes("</w:t></w:r></w:p></w:body></w:document>"));
    }

    /// <summary>A one-page PDF whose content stream inflates to <paramref name="bytes"/> of spaces.</summary>
    private static void WriteFlateBombPdf(string path, long bytes)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var block = Enumerable.Repeat((byte)' ', 1 << 20).ToArray();
            for (long written = 0; written < bytes; written += block.Length) z.Write(block);
            z.Write("BT /F1 12 Tf 72 712 Td (bomb) Tj ET"u8);
        }
        using var file = File.Create(path);
        var offsets = new List<long>();
        void Write(string s) => file.Write(Encoding.ASCII.GetBytes(s));
        Write("%PDF-1.4\n");
        offsets.Add(file.Position); Write("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        offsets.Add(file.Position); Write("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
        offsets.Add(file.Position); Write("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n");
        offsets.Add(file.Position); Write($"4 0 obj << /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n");
        compressed.Position = 0; compressed.CopyTo(file);
        Write("\nendstream\nendobj\n");
        offsets.Add(file.Position); Write("5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
        long xref = file.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer << /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    }

    private static string? MakeFifo(string path)
    {
        try
        {
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true });
            mkfifo!.WaitForExit();
            return mkfifo.ExitCode == 0 ? null : "mkfifo failed";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "no mkfifo command";
        }
    }

    /// <summary>chmod 000; as root that does not stop reading, which the case then reports (root reads it: exit 0 is right).</summary>
    private static string? MakeUnreadable(string path)
    {
        if (OperatingSystem.IsWindows()) return "no Unix permissions here";
        File.WriteAllText(path, "secret words that should not be readable\n");
        File.SetUnixFileMode(path, UnixFileMode.None);
        return null;
    }

    private static void WriteHugeLine(string path, int characters)
    {
        var words = new[] { "whale ", "ocean ", "harpoon ", "captain ", "ship ", "sea ", "voyage ", "crew " };
        var sb = new StringBuilder(characters + 16);
        for (int i = 0; sb.Length < characters; i++) sb.Append(words[(i * 7 + i / 3) % words.Length]);
        File.WriteAllText(path, sb.ToString());
    }
}
