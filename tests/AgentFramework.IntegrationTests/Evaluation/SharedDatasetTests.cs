using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>The file loaders on the real benchmark snapshots in ../shared/data (skipped when absent).</summary>
public class SharedDatasetTests
{
    private static DatasetCatalog Catalog() => new(SharedData.RequireDirectory("data"));

    [Fact]
    public void List_finds_every_shared_dataset_with_the_readme_counts()
    {
        var listed = Catalog().List().ToDictionary(d => d.Name, d => d.Cases);
        // Question counts from leval/README.md and longwriter/README.md; LaRA keeps 2076 queries in all.
        Assert.Equal(202, listed["leval:quality"]);
        Assert.Equal(269, listed["leval:tpo"]);
        Assert.Equal(177, listed["leval:meeting_summ"]);
        Assert.Equal(18, listed.Keys.Count(k => k.StartsWith("leval:")));
        Assert.Equal(2076, listed["lara:32k"] + listed["lara:128k"]);
        Assert.Equal(120, listed["longbench-write"]);
        Assert.Equal(60, listed["longbench-write:en"]);
        Assert.Equal(48, listed["longwrite-ruler"]);
        Assert.InRange(listed["summhay"], 5 * 7, 5 * 9);
    }

    [Fact]
    public void LEval_tpo_cases_are_scorable_multiple_choice()
    {
        var cases = Catalog().Load("leval:tpo", TokenCounters.Cl100k);
        Assert.Equal(269, cases.Count);
        Assert.Equal(15, cases.Select(c => c.Documents[0]).Distinct().Count());
        Assert.All(cases, c => Assert.NotNull(MultipleChoiceAnswerExtractor.GoldLetters(c.GoldAnswers[0])));
        Assert.All(cases, c => Assert.Equal(4, MultipleChoiceAnswerExtractor.InlineOptions(c.Question).Count));
        // README: 3.2k-3.7k cl100k tokens per document.
        Assert.All(cases, c => Assert.Equal("4k", c.LengthBucket));
    }

    [Fact]
    public void LEval_gsm100_golds_are_numbers_scored_by_the_final_number()
    {
        var cases = Catalog().Load("leval:gsm100", TokenCounters.Cl100k);
        Assert.Equal(100, cases.Count);
        Assert.All(cases, c => Assert.Equal([MathExactMatch.MetricName], c.Metrics));
        // Every gold yields its own number, and an answer ending in the gold with a digit appended does not match it.
        Assert.All(cases, c => Assert.Equal(c.GoldAnswers[0].Trim().Replace(",", ""), MathAnswerExtractor.Extract(c.GoldAnswers[0])));
        Assert.All(cases, c => Assert.Equal(1.0, MathExactMatch.Score($"Step by step. The answer is {c.GoldAnswers[0]}.", c.GoldAnswers)));
        Assert.All(cases, c => Assert.Equal(0.0, MathExactMatch.Score($"Step by step. The answer is {c.GoldAnswers[0]}1.", c.GoldAnswers)));
    }

    [Fact]
    public void LEval_quality_gold_letters_match_the_option_text()
    {
        foreach (var c in Catalog().Load("leval:quality"))
        {
            var letter = MultipleChoiceAnswerExtractor.GoldLetters(c.GoldAnswers[0])!;
            var options = MultipleChoiceAnswerExtractor.InlineOptions(c.Question);
            // Answering with the option's own text must score as that letter.
            Assert.Equal(1.0, MultipleChoiceAccuracy.Score(c.GoldAnswers[0], c.GoldAnswers));
            Assert.True(options.Count >= 4, c.Id);
            Assert.InRange(letter[0] - 'A', 0, options.Count - 1);
        }
    }

    [Fact]
    public void Lara_32k_resolves_every_context()
    {
        var cases = Catalog().Load("lara:32k");
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.True(c.Documents[0].Text.Length > 10_000, c.Id));
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
        Assert.Equal(60, cases.Select(c => c.Documents[0].Name + c.Metadata["category"]).Distinct().Count()); // 11 + 30 + 19 files
    }

    [Fact]
    public void SummHay_insights_point_at_documents_of_the_haystack()
    {
        var cases = Catalog().Load("summhay");
        Assert.All(cases, c =>
        {
            Assert.Equal(100, c.Documents.Count);
            Assert.NotEmpty(c.Insights);
            var names = c.Documents.Select(d => d.Name).ToHashSet();
            Assert.All(c.Insights, i => Assert.All(i.DocumentIds, id => Assert.Contains(id, names)));
            Assert.NotEmpty(c.GoldDocuments);
        });
    }

    [Fact]
    public void LongBench_write_has_required_lengths()
    {
        var cases = Catalog().Load("longbench-write");
        Assert.Equal(120, cases.Count);
        Assert.All(cases, c => Assert.InRange(c.RequiredWords!.Value, 100, 20000));
        Assert.Equal(4, cases.Select(c => c.LengthBucket).Distinct().Count());
    }
}
