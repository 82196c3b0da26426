using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Tokens;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>Synthetic cases over the Paul Graham essays, measured with cl100k and with a real model tokenizer (tiny GPT-2).</summary>
public class SyntheticSharedDataTests
{
    private static IFillerSource Essays()
    {
        var data = SharedData.RequireDirectory("data");
        var filler = FillerSources.For(data);
        Assert.IsType<PaulGrahamFiller>(filler);
        return filler;
    }

    private static ITokenCounter TinyGpt2Counter()
    {
        var folder = SharedData.TinyGpt2;
        using var vocab = File.OpenRead(Path.Combine(folder, "vocab.json"));
        using var merges = File.OpenRead(Path.Combine(folder, "merges.txt"));
        return new TokenizerTokenCounter(CodeGenTokenizer.Create(vocab, merges), "tiny-random-gpt2");
    }

    [Theory]
    [InlineData(1024, 0.0)]
    [InlineData(16384, 0.5)]
    [InlineData(131072, 0.8)]
    public void Essay_haystack_of_n_tokens_measures_n_within_one_percent_with_the_needle_at_depth(int tokens, double depth)
    {
        var counter = TokenCounters.Cl100k;
        var benchmarkCase = new SyntheticGenerator(counter, Essays(), LengthDefinition.HaystackOnly).Generate(SyntheticDatasets.Niah, tokens, 42, 0, depth);
        AssertSizeAndDepth(counter, benchmarkCase.ContextText, tokens, depth);
        Assert.Equal("paul-graham-essays", benchmarkCase.Metadata["filler"]);
    }

    [Theory]
    [InlineData(2048, 0.3)]
    [InlineData(32768, 0.6)]
    public void Sizing_uses_the_model_tokenizer_it_is_given(int tokens, double depth)
    {
        var counter = TinyGpt2Counter();
        var benchmarkCase = new SyntheticGenerator(counter, Essays(), LengthDefinition.HaystackOnly).Generate(SyntheticDatasets.Niah, tokens, 42, 0, depth);
        AssertSizeAndDepth(counter, benchmarkCase.ContextText, tokens, depth);
        Assert.Equal("tiny-random-gpt2", benchmarkCase.Metadata["tokenizer"]);
        // The same text measured with another tokenizer is a different length: sizing really used the given counter.
        Assert.NotEqual(counter.CountTokens(benchmarkCase.ContextText), TokenCounters.Cl100k.CountTokens(benchmarkCase.ContextText));
    }

    private static void AssertSizeAndDepth(ITokenCounter counter, string context, int tokens, double depth)
    {
        Assert.InRange(counter.CountTokens(context), tokens * 0.99, tokens * 1.01);
        int needle = context.IndexOf("One of the special magic numbers", StringComparison.Ordinal);
        double measured = (double)counter.CountTokens(context.AsSpan(0, needle)) / counter.CountTokens(context);
        Assert.InRange(measured, depth - 0.01, depth + 0.01);
    }
}
