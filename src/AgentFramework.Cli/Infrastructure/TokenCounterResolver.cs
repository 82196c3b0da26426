using AgentFramework.Errors;
using AgentFramework.Onnx.Tokenization;
using AgentFramework.Tokens;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Picks the token counter that budgets are measured with: the local model folder's own tokenizer when --model is
/// set (only the tokenizer is loaded, not the weights), otherwise cl100k_base (endpoints do not expose their tokenizer;
/// their reported usage is what the trace records).
/// </summary>
public static class TokenCounterResolver
{
    public static ITokenCounter Resolve(CliSettings settings)
    {
        if (settings.Model is not { } folder) return TokenCounters.Cl100k;
        if (!Directory.Exists(folder))
            throw new ModelException("--model", $"--model '{folder}' is not a folder: give the folder of an ONNX Runtime GenAI export (with genai_config.json)");
        var tokenizer = TokenizerLoader.Load(folder);
        return new TokenizerTokenCounter(tokenizer.Inner, tokenizer.Name);
    }
}
