using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Documents;

public class DocumentServiceCollectionTests
{
    [Fact]
    public async Task Loader_uses_configured_options_and_chunker_the_registered_counter()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.txt", new string('a', 300));
        using var provider = new ServiceCollection()
            .AddSingleton(TokenCounters.Cl100k)
            .AddDocumentLoading(o => o.MaxFileBytes = 100)
            .BuildServiceProvider();

        var loader = provider.GetRequiredService<IDocumentLoader>();
        var e = await Assert.ThrowsAsync<DocumentLoadException>(() => loader.LoadAsync(path, TestContext.Current.CancellationToken));
        Assert.Contains("100-byte limit", e.Message);
        Assert.Same(TokenCounters.Cl100k, provider.GetRequiredService<Chunker>().TokenCounter);
    }
}
