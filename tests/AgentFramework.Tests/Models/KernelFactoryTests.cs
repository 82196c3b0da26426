using AgentFramework.Models;
using AgentFramework.Plugins.Kernels;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.Tests.Models;

public class KernelFactoryTests
{
    [Fact]
    public async Task A_prompt_function_runs_over_a_chat_client_without_metadata_through_the_middleware()
    {
        // modelId null: the scripted client offers no ChatClientMetadata, which SK would otherwise reject.
        var backend = new ScriptedChatClient((m, _, _, _) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "summary of: " + m[^1].Text))), modelId: null);
        var trace = new PipelineTrace();
        var kernel = KernelFactory.Create(ModelPipeline.Wrap(backend, new ModelPipelineOptions { Trace = trace }));
        var summarise = kernel.CreateFunctionFromPrompt("Summarise: {{$text}}");

        FunctionResult result;
        using (PipelineContext.Stage("full-context/answer"))
            result = await kernel.InvokeAsync(summarise, new() { ["text"] = "Call me Ishmael." }, TestContext.Current.CancellationToken);

        Assert.Equal("summary of: Summarise: Call me Ishmael.", result.ToString());
        Assert.Equal("full-context/answer", Assert.Single(trace.Calls).Stage);
    }
}
