using System.ClientModel;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AgentFramework.Cli.Reading;

/// <summary>The chat model a reading command uses, or null when none is configured.</summary>
public sealed record CliChatModel(IChatClient Chat, ModelProfile Profile) : IDisposable
{
    public void Dispose() => Chat.Dispose();
}

/// <summary>
/// Interim model resolution for the reading commands until the middleware's ModelResolver is on main: --endpoint gives
/// an OpenAI-compatible client (8k window, cl100k), --model needs the local ONNX runtime.
/// </summary>
public static class CliModel
{
    public static CliChatModel? Resolve(CliSettings settings)
    {
        if (settings.Endpoint is { } endpoint)
        {
            var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? "none"), new OpenAIClientOptions { Endpoint = new Uri(endpoint) });
            var modelId = settings.ModelId ?? "default";
            return new CliChatModel(client.GetChatClient(modelId).AsIChatClient(), new ModelProfile(modelId, 8192, TokenCounters.Cl100k));
        }
        if (settings.Model is { } folder)
            throw new ModelException("--model", $"--model {folder}: local ONNX models are not available in this build yet; use --endpoint URL or --pipeline extractive");
        return null;
    }
}
