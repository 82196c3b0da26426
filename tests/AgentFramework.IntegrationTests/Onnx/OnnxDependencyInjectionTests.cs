using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.Onnx;

public sealed class OnnxDependencyInjectionTests
{
    [Fact]
    public async Task AddOnnxChatClient_registers_one_shared_model_its_profile_and_client()
    {
        var services = new ServiceCollection().AddOnnxChatClient(SharedData.TinyGpt2);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        var profile = provider.GetRequiredService<ModelProfile>();
        Assert.Same(provider.GetRequiredService<OnnxModel>(), client.GetService<OnnxModel>());
        Assert.Equal("tiny-random-gpt2-fp32", profile.ModelId);
        Assert.Equal(512, profile.ContextLength);
        Assert.True(profile.TokenCounter.CountTokens("Call me Ishmael.") > 2);
        var trace = new PipelineTrace();
        ChatResponse response;
        using (PipelineContext.Begin(trace))
            response = await client.GetResponseAsync("Hello", new ChatOptions { MaxOutputTokens = 4 }, TestContext.Current.CancellationToken);
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 4);
        // the registered client sits behind usage accounting, so the pipeline's trace sees the call
        Assert.Equal(1, trace.CallCount);
        Assert.Equal(response.Usage.OutputTokenCount.Value, trace.CompletionTokens);
    }
}
