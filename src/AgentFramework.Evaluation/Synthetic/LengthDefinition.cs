using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>What the N of a synthetic case of N tokens counts.</summary>
public enum LengthDefinition
{
    /// <summary>
    /// RULER's definition: the whole input (the task's template with the haystack, the question and the answer prefix)
    /// plus the generation budget, measured with the model's tokenizer (RULER's <c>max_seq_length</c>).
    /// </summary>
    Ruler,

    /// <summary>The haystack alone (needles included), as Kamradt's NIAH sizes its context before its prompt buffer.</summary>
    HaystackOnly,
}

public static class LengthDefinitions
{
    public const string RulerName = "ruler";
    public const string HaystackName = "haystack";

    public static string Name(LengthDefinition definition) => definition == LengthDefinition.Ruler ? RulerName : HaystackName;

    /// <summary>One line for reports: what N means.</summary>
    public static string Describe(string name) => name == HaystackName
        ? "N counts the haystack only (needles included; no template, question or generation budget)"
        : "N as RULER defines it: tokens of the whole input (RULER's task template with the haystack, the question and the answer prefix) plus the generation budget";

    public static LengthDefinition Parse(string? text, string option = "SyntheticGenerator.LengthDefinition") => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or RulerName => LengthDefinition.Ruler,
        HaystackName => LengthDefinition.HaystackOnly,
        _ => throw new InvalidOptionException(option, $"{option}: '{text}' is not a length definition; use {RulerName} or {HaystackName}."),
    };
}
