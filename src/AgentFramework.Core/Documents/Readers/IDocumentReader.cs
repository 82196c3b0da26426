namespace AgentFramework.Documents.Readers;

/// <summary>Extracts text and structure from one file format.</summary>
public interface IDocumentReader
{
    /// <summary>Lower-case extensions with the dot, e.g. ".md".</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>True for container formats (PDF, DOCX) that must not be rejected by the binary-file check.</summary>
    bool ReadsBinary { get; }

    /// <param name="path">How to name the file in segments, warnings and errors.</param>
    /// <exception cref="Errors.DocumentLoadException">The bytes are not a readable file of this format.</exception>
    DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken);
}
