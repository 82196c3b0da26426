using Microsoft.Extensions.AI;

namespace AgentFramework.Plugins.Kernels;

/// <summary>
/// Semantic Kernel's prompt functions need a <see cref="ChatClientMetadata"/> from the chat client they run on and throw
/// ArgumentNullException ("metadata") when there is none; clients written without metadata (scripted ones, some
/// middleware stacks) get a default one here, named after the inner client's type.
/// </summary>
internal sealed class MetadataGuaranteeingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    private readonly ChatClientMetadata _fallback = new(innerClient.GetType().Name);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        base.GetService(serviceType, serviceKey)
        ?? (serviceType == typeof(ChatClientMetadata) && serviceKey is null ? _fallback : null);
}
