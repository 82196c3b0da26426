namespace AgentFramework.Documents;

/// <summary>Limits applied while loading documents.</summary>
public sealed class DocumentLoaderOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Largest file read. A single file over the limit is an error; inside a folder it is skipped with a warning.
    /// </summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;
}
