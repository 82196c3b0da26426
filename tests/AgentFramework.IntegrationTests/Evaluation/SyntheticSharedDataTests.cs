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

    public static TheoryData<int, double> EssayLengthsAndDepths()
    {
        var data = new TheoryData<int, double>();
        foreach (var tokens in new[] { 1024, 4096, 16384, 65536 })
            foreach (var depth in new[] { 0.0, 0.2, 0.5, 0.8, 1.0 })
                data.Add(tokens, depth);
        return data;
    }

    /// <summary>
    /// The essays are hard-wrapped (a line start is usually mid-sentence) and run paragraphs together: every needle must
    /// still follow a sentence end, and N under RULER's definition (input + 128 generation tokens) must be within 1%.
    /// </summary>
    [Theory]
    [MemberData(nameof(EssayLengthsAndDepths))]
    public void Essay_needles_start_sentences_and_rulers_n_is_within_one_percent(int tokens, double depth)
    {
        var counter = TokenCounters.Cl100k;
        var benchmarkCase = new SyntheticGenerator(counter, Essays()).Generate(SyntheticDatasets.NiahMultiValue, tokens, 42, 0, depth);
        var context = benchmarkCase.ContextText;
        foreach (var span in benchmarkCase.GoldSpans)
        {
            if (span.Start == 0) continue;
            Assert.Equal(' ', context[span.Start - 1]);
            Assert.True(context[span.Start - 2] is '.' or '!' or '?' or '"' or '\'' or ')',
                $"needle at {span.Start} follows '{context[Math.Max(0, span.Start - 60)..span.Start]}'");
        }
        var key = benchmarkCase.Question.Split(" for ")[1].Split(" mentioned")[0];
        var prompt = RulerPrompt.For(SyntheticDatasets.NiahMultiValue, key);
        int n = counter.CountTokens(prompt.Render(context, benchmarkCase.Question)) + prompt.GenerationTokens;
        Assert.InRange(n, tokens * 0.99, tokens * 1.01);
    }

    private static void AssertSizeAndDepth(ITokenCounter counter, string context, int tokens, double depth)
    {
        Assert.InRange(counter.CountTokens(context), tokens * 0.99, tokens * 1.01);
        int needle = context.IndexOf("One of the special magic numbers", StringComparison.Ordinal);
        double measured = (double)counter.CountTokens(context.AsSpan(0, needle)) / counter.CountTokens(context);
        Assert.InRange(measured, depth - 0.01, depth + 0.01);
    }
}
