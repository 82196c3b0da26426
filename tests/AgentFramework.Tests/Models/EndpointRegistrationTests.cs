using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Models;

/// <summary>The endpoint joins a container the Microsoft.Extensions.AI way, bringing its failure classifier along.</summary>
public class EndpointRegistrationTests
{
    [Fact]
    public async Task AddEndpointChatClient_registers_the_client_and_the_sdk_classifier()
    {
        var services = new ServiceCollection();
        services.AddEndpointChatClient(new EndpointOptions(new Uri("http://127.0.0.1:9/v1"), "any")).UseRetry();
        await using var provider = services.BuildServiceProvider();

        var classifiers = provider.GetRequiredService<TransientFailureClassifiers>().Classifiers;
        Assert.IsType<NetworkFailureClassifier>(classifiers[0]);             // the built-in, asked last
        Assert.IsType<OpenAIClientFailureClassifier>(classifiers[^1]);      // the endpoint's, asked first
        var client = provider.GetRequiredService<IChatClient>();
        Assert.NotNull(client.GetService<RetryingChatClient>());
        Assert.IsType<OpenAIClientFailureClassifier>(client.GetService<ITransientFailureClassifier>());
        Assert.Equal("any", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }
}
