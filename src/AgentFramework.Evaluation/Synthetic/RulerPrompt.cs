namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// RULER's input around a synthetic context, used to measure N under <see cref="LengthDefinition.Ruler"/>: the task's
/// context template, the question, the answer prefix, and the task's generation budget (RULER's
/// scripts/data/synthetic/constants.py, NVIDIA/RULER; niah.py sizes samples as
/// <c>len(tokens(input)) + tokens_to_generate &lt;= max_seq_length</c>, hsiehjackson/RULER @56f7e8e).
/// Our question texts are RULER's query templates with the key filled in.
/// </summary>
public sealed record RulerPrompt(string Preamble, string AfterContext, string AnswerPrefix, int GenerationTokens)
{
    public string Render(string context, string question) => Preamble + context + AfterContext + question + AnswerPrefix;

    public static RulerPrompt For(string dataset, string query) => dataset.ToLowerInvariant() switch
    {
        SyntheticDatasets.VariableTracking => new("Memorize and track the chain(s) of variable assignment hidden in the following text.\n\n", "\nQuestion: ",
            $" Answer: According to the chain(s) of variable assignment in the text above, the variables assigned the value {query} are: ", 30),
        SyntheticDatasets.CommonWords => new("Below is a numbered list of words. In these words, some appear more often than others. Memorize the ones that appear most often.\n",
            "\nQuestion: ", " Answer: The top 10 words that appear most often in the list are:", 120),
        _ => new("Some special magic numbers are hidden within the following text. Make sure to memorize it. I will quiz you about the numbers afterwards.\n",
            "\n", $" The special magic numbers for {query} mentioned in the provided text are", 128),
    };
}
