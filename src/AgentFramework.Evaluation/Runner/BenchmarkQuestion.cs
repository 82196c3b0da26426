using System.Text;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// The question a pipeline is asked for a case. Multiple choice gets its options (when they are not already in the
/// question) and a request to answer with the letter, so the answer extractor has something to find.
/// </summary>
public static class BenchmarkQuestion
{
    public static string For(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Kind != TaskKind.MultipleChoice) return benchmarkCase.Question;
        var question = new StringBuilder(benchmarkCase.Question.TrimEnd());
        if (benchmarkCase.Options.Count > 0 && MultipleChoiceAnswerExtractor.InlineOptions(benchmarkCase.Question).Count == 0)
            for (int i = 0; i < benchmarkCase.Options.Count; i++)
                question.Append('\n').Append((char)('A' + i)).Append(". ").Append(benchmarkCase.Options[i]);
        question.Append("\nAnswer with the letter of the correct option (more than one letter only if the question allows several).");
        return question.ToString();
    }
}
