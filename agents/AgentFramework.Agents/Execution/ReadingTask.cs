using AgentFramework.Documents;

namespace AgentFramework.Agents.Execution;

/// <summary>What to do with the documents: answer a question, or summarise.</summary>
public enum ReadingGoal { Answer, Summarize }

/// <summary>One request to a pipeline. <see cref="IsCode"/> when the documents are source trees (file names matter).</summary>
public sealed record ReadingTask(IReadOnlyList<Document> Documents, ReadingGoal Goal, string? Question, int SummaryWords)
{
    /// <remarks>A folder counts as code when most of its characters are in files of a programming language.</remarks>
    public bool IsCode => Documents.Count > 0 && Documents.All(d => d.Kind == DocumentKind.SourceCode
        || (d.Kind == DocumentKind.Collection && d.Files.Count > 0
            && d.Files.Where(f => !SourceLanguages.IsProse(f.Language)).Sum(f => (long)(f.End - f.Start)) * 2 > d.Text.Length));

    /// <summary>The instruction the models are given: the question, or the summary task.</summary>
    public string Instruction => Goal == ReadingGoal.Answer
        ? Question!
        : IsCode ? $"Describe what this codebase does and how it is organised, in at most {SummaryWords} words."
                 : $"Summarise the document in at most {SummaryWords} words.";

    public Document DocumentById(string id) => Documents.First(d => d.Id == id);
}
