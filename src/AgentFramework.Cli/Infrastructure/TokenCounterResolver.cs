using AgentFramework.Tokens;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Picks the token counter that budgets are measured with. Today: cl100k_base. The seam for the model's own
/// tokenizer: when --model names a local model folder, return a counter over that folder's tokenizer here (and
/// for --endpoint, a counter matching --model-id) so chunk sizes match what the model sees.
/// </summary>
public static class TokenCounterResolver
{
    public static ITokenCounter Resolve(CliSettings settings) => TokenCounters.Cl100k;
}
