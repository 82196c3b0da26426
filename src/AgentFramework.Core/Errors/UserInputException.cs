namespace AgentFramework.Errors;

/// <summary>
/// A mistake the user can fix (missing file, bad flag value, model folder without a config, prompt too long).
/// The CLI prints <see cref="Exception.Message"/> as one line on stderr and exits with code 2; the message names the
/// path or option (<see cref="Target"/>) and says what to do.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string target, string message, Exception? inner = null) : base(message, inner) => Target = target;

    /// <summary>
    /// The path, option or field the message is about. An option is named in the library's terms, as
    /// <c>Type.Member</c> (<c>ChainOfAgentsOptions.UnitTokens</c>), and the message uses the same name; a front end maps
    /// it to its own spelling (agentfw prints the flag). Library code never names a command-line flag.
    /// </summary>
    public string Target { get; }
}

/// <summary>A document could not be loaded: missing, empty, binary, unsupported extension, no text layer, too large.</summary>
public sealed class DocumentLoadException(string path, string message, Exception? inner = null)
    : UserInputException(path, message, inner);

/// <summary>An option, argument or configuration value is invalid; <see cref="UserInputException.Target"/> names it.</summary>
public sealed class InvalidOptionException(string option, string message) : UserInputException(option, message);

/// <summary>A model folder or endpoint is unusable: broken config, missing file, unsupported graph, or a prompt that does not fit.</summary>
public sealed class ModelException(string target, string message, Exception? inner = null)
    : UserInputException(target, message, inner);
