namespace AgentFramework.Agents.Extractive;

/// <summary>Extractive (no model) settings.</summary>
public sealed class ExtractiveOptions
{
    /// <summary>Sentences shorter than this (in words) are not picked: headings, exclamations.</summary>
    public int MinSentenceWords { get; set; } = 6;

    /// <summary>Sentences longer than this are not picked for summaries: they would eat the word budget.</summary>
    public int MaxSentenceWords { get; set; } = 45;

    /// <summary>Sentences in an extractive answer.</summary>
    public int AnswerSentences { get; set; } = 3;

    /// <summary>TextRank damping factor and iterations.</summary>
    public double Damping { get; set; } = 0.85;

    public int Iterations { get; set; } = 40;

    /// <summary>The answer when no sentence shares a term with the question.</summary>
    public string NoMatchText { get; set; } = "The document does not contain the answer to this question.";
}
