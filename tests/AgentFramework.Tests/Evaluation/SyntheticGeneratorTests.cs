using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Evaluation;

public class SyntheticGeneratorTests
{
    private static readonly ITokenCounter Counter = TokenCounters.Cl100k;
    private static SyntheticGenerator Generator() => new(Counter, new GeneratedFiller());

    public static TheoryData<string, int> DatasetsAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in SyntheticDatasets.Names)
            foreach (var length in new[] { 1024, 4096, 20_000 })
                data.Add(name, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(DatasetsAndLengths))]
    public void Context_measures_the_target_length_within_one_percent(string dataset, int tokens)
    {
        // Haystack-only N: the context itself is N tokens.
        var haystackOnly = new SyntheticGenerator(Counter, new GeneratedFiller(), LengthDefinition.HaystackOnly).Generate(dataset, tokens, seed: 7, index: 0, depth: 0.3);
        int measured = Counter.CountTokens(haystackOnly.ContextText);
        Assert.Equal(measured, haystackOnly.ContextTokens);
        Assert.InRange(measured, tokens * 0.99, tokens * 1.01);
        Assert.Equal("haystack", haystackOnly.Metadata["length_definition"]);
        Assert.Equal(LengthBuckets.Label(tokens), haystackOnly.LengthBucket);

        // RULER's N: the rendered input plus the generation budget is N, so the haystack is shorter.
        var ruler = Generator().Generate(dataset, tokens, seed: 7, index: 0, depth: 0.3);
        var prompt = RulerPrompt.For(dataset, "");
        int input = Counter.CountTokens(prompt.Preamble + ruler.ContextText + prompt.AfterContext + ruler.Question) + prompt.GenerationTokens;
        Assert.InRange(input, tokens * 0.99 - 40, tokens * 1.01);                       // answer prefix (≤ 40 tokens) not counted here
        Assert.InRange(int.Parse(ruler.Metadata["length_tokens"]), tokens * 0.99, tokens * 1.01);
        Assert.True(ruler.ContextTokens < tokens - prompt.GenerationTokens);
        Assert.Equal("ruler", ruler.Metadata["length_definition"]);
    }

    [Theory]
    [InlineData(1024, 0.0)]
    [InlineData(1024, 0.5)]
    [InlineData(4096, 0.1)]
    [InlineData(4096, 0.77)]
    [InlineData(8192, 1.0)]
    [InlineData(32768, 0.25)]
    public void Needle_sits_at_the_asked_depth(int tokens, double depth)
    {
        var benchmarkCase = Generator().Generate(SyntheticDatasets.Niah, tokens, seed: 3, index: 1, depth: depth);
        var context = benchmarkCase.ContextText;
        var value = benchmarkCase.GoldAnswers.Single();
        int needleStart = context.IndexOf("One of the special magic numbers", StringComparison.Ordinal);
        Assert.True(needleStart >= 0);
        Assert.Contains(value, context.Substring(needleStart, Math.Min(120, context.Length - needleStart)));
        double measured = (double)Counter.CountTokens(context.AsSpan(0, needleStart)) / Counter.CountTokens(context);
        Assert.InRange(measured, depth - 0.01, depth + 0.01);
    }

    [Theory]
    [InlineData("niah")]
    [InlineData("niah-multiquery")]
    [InlineData("variable-tracking")]
    [InlineData("common-words")]
    public void Same_seed_gives_the_same_case_and_another_seed_another(string dataset)
    {
        var a = Generator().Generate(dataset, 2048, seed: 11, index: 2, depth: 0.4);
        var b = Generator().Generate(dataset, 2048, seed: 11, index: 2, depth: 0.4);
        var c = Generator().Generate(dataset, 2048, seed: 12, index: 2, depth: 0.4);
        Assert.Equal(a.ContextText, b.ContextText);
        Assert.Equal(a.Question, b.Question);
        Assert.Equal(a.GoldAnswers, b.GoldAnswers);
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.GoldAnswers, c.GoldAnswers);
    }

    [Fact]
    public void Multi_value_hides_every_value_under_one_key()
    {
        var benchmarkCase = Generator().Generate(SyntheticDatasets.NiahMultiValue, 4096, 5, 0, 0.5);
        Assert.Equal(4, benchmarkCase.GoldAnswers.Count);
        Assert.All(benchmarkCase.GoldAnswers, v => Assert.Contains($"is: {v}.", benchmarkCase.ContextText));
        Assert.Equal(4, benchmarkCase.GoldSpans.Count);
        Assert.All(benchmarkCase.GoldSpans, s => Assert.StartsWith("One of the special magic numbers", benchmarkCase.ContextText[s.Start..s.End]));
    }

    [Fact]
    public void Multi_key_asks_for_one_key_among_distractors()
    {
        var benchmarkCase = Generator().Generate(SyntheticDatasets.NiahMultiKey, 4096, 5, 0, 0.5);
        var needles = benchmarkCase.ContextText.Split("One of the special magic numbers for ").Length - 1;
        Assert.Equal(4, needles);
        Assert.Single(benchmarkCase.GoldAnswers);
        var key = benchmarkCase.Question.Split("number for ")[1].Split(' ')[0];
        Assert.Contains($"for {key} is: {benchmarkCase.GoldAnswers[0]}.", benchmarkCase.ContextText);
    }

    [Fact]
    public void Variable_tracking_chain_appears_in_order()
    {
        var benchmarkCase = Generator().Generate(SyntheticDatasets.VariableTracking, 4096, 5, 0, 0.5);
        var names = benchmarkCase.GoldAnswers;
        var value = benchmarkCase.Question.Split("value ")[1].Split(' ')[0];
        int previous = benchmarkCase.ContextText.IndexOf($"VAR {names[0]} = {value}.", StringComparison.Ordinal);
        Assert.True(previous >= 0);
        for (int i = 1; i < names.Count; i++)
        {
            int at = benchmarkCase.ContextText.IndexOf($"VAR {names[i]} = VAR {names[i - 1]}.", StringComparison.Ordinal);
            Assert.True(at > previous, $"statement {i} out of order");
            previous = at;
        }
    }

    [Fact]
    public void Common_words_are_the_most_frequent_in_the_list()
    {
        var benchmarkCase = Generator().Generate(SyntheticDatasets.CommonWords, 4096, 5, 0, 0.5);
        var counts = benchmarkCase.ContextText.Split('\n').Select(line => line[(line.IndexOf(". ", StringComparison.Ordinal) + 2)..])
            .GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var top = counts.OrderByDescending(kv => kv.Value).Take(10).Select(kv => kv.Key).Order();
        Assert.Equal(benchmarkCase.GoldAnswers.Order(), top);
        Assert.True(counts.Values.Count(v => v == 3) > 0);
    }

    [Fact]
    public void Scorer_rewards_the_gold_values_only()
    {
        var benchmarkCase = Generator().Generate(SyntheticDatasets.NiahMultiQuery, 2048, 5, 0, 0.5);
        Assert.Equal(1.0, StringMatchAll.Score(string.Join(", ", benchmarkCase.GoldAnswers), benchmarkCase.GoldAnswers));
        Assert.Equal(0.5, StringMatchAll.Score(string.Join(" ", benchmarkCase.GoldAnswers.Take(2)), benchmarkCase.GoldAnswers));
        Assert.Equal([StringMatchAll.MetricName], benchmarkCase.Metrics);
    }

    [Fact]
    public void Sets_spread_depths_and_cover_each_length()
    {
        var cases = Generator().GenerateSet(SyntheticDatasets.Niah, [1024, 2048], casesPerLength: 3, seed: 1);
        Assert.Equal(6, cases.Count);
        Assert.Equal(["0", "0.5", "1", "0", "0.5", "1"], cases.Select(c => c.Metadata["depth"]));
        Assert.Equal(6, cases.Select(c => c.Id).Distinct().Count());
        // A subset regenerates identically (per-case seeds do not depend on the set).
        var again = Generator().Generate(SyntheticDatasets.Niah, 2048, seed: 1, index: 1, depth: 0.5);
        Assert.Equal(cases[4].ContextText, again.ContextText);
    }
}
