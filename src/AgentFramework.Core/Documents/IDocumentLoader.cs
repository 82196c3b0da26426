namespace AgentFramework.Documents;

/// <summary>Turns a path (file, folder, or "-" for standard input) into a <see cref="Document"/>.</summary>
public interface IDocumentLoader
{
    /// <exception cref="Errors.UserInputException">The path is missing, empty, binary, unsupported or too large.</exception>
    Task<Document> LoadAsync(string path, CancellationToken cancellationToken = default);
}
