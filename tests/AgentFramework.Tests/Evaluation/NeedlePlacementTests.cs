using System.Globalization;
using System.Text;
using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Evaluation;

/// <summary>
/// Needles as RULER and Kamradt place them: between sentences of a hard-wrapped haystack (a line start is not a
/// sentence start), at 1k–64k tokens and depths 0–100%, with N within 1% under both length definitions.
/// </summary>
public class NeedlePlacementTests
{
    private static readonly ITokenCounter Counter = TokenCounters.Cl100k;

    /// <summary>Generated filler hard-wrapped at 60 columns like the essays: most line breaks fall inside sentences.</summary>
    private sealed class HardWrappedFiller : IFillerSource
    {
        private readonly GeneratedFiller _inner = new();
        public string Name => "hard-wrapped";

        public string Text(int minChars, int seed)
        {
            var words = _inner.Text(minChars, seed).Split(' ', '\n');
            var text = new StringBuilder();
            int column = 0;
            foreach (var word in words.Where(w => w.Length > 0))
            {
                if (column + word.Length > 60) { text.Append('\n'); column = 0; }
                else if (column > 0) { text.Append(' '); column++; }
                text.Append(word);
                column += word.Length;
            }
            return text.ToString();
        }
    }

    public static TheoryData<int, double> LengthsAndDepths()
    {
        var data = new TheoryData<int, double>();
        foreach (var tokens in new[] { 1024, 2048, 4096, 8192, 16384, 32768, 65536 })
            foreach (var depth in new[] { 0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0 })
                data.Add(tokens, depth);
        return data;
    }

    /// <summary>
    /// Independent of the builder's splitter: a needle starts a sentence when it opens the text, or follows exactly one
    /// space after a full stop / question / exclamation mark that ends a word of more than one letter.
    /// </summary>
    internal static void AssertStartsSentence(string context, int offset)
    {
        if (offset == 0) return;
        Assert.Equal(' ', context[offset - 1]);
        char before = context[offset - 2];
        Assert.True(before is '.' or '!' or '?' or '"' or '\'' or ')', $"needle at {offset} follows '{context[Math.Max(0, offset - 40)..offset]}'");
        int wordStart = context.LastIndexOf(' ', offset - 2) + 1;
        Assert.True(offset - 2 - wordStart >= 2, $"needle at {offset} follows an initial: '{context[wordStart..offset]}'");
        Assert.True(char.IsUpper(context[offset]));
    }

    [Theory]
    [MemberData(nameof(LengthsAndDepths))]
    public void Needles_start_sentences_and_n_is_within_one_percent_under_rulers_definition(int tokens, double depth)
    {
        var generator = new SyntheticGenerator(Counter, new HardWrappedFiller());
        var benchmarkCase = generator.Generate(SyntheticDatasets.NiahMultiKey, tokens, seed: 3, index: 0, depth: depth);
        var context = benchmarkCase.ContextText;
        Assert.DoesNotContain('\n', context);                         // the wraps were collapsed, as RULER does
        Assert.Equal(4, benchmarkCase.GoldSpans.Count);
        foreach (var span in benchmarkCase.GoldSpans) AssertStartsSentence(context, span.Start);

        // N = the whole RULER input + the generation budget, measured here from the parts.
        var prompt = RulerPrompt.For(SyntheticDatasets.NiahMultiKey, benchmarkCase.Question.Split(" for ")[1].Split(" mentioned")[0]);
        int n = Counter.CountTokens(prompt.Render(context, benchmarkCase.Question)) + prompt.GenerationTokens;
        Assert.InRange(n, tokens * 0.99, tokens * 1.01);
        Assert.Equal(n.ToString(CultureInfo.InvariantCulture), benchmarkCase.Metadata["length_tokens"]);

        // The asked needle (the first gold value) sits at its depth in haystack tokens; sentence granularity allows 2%.
        var first = benchmarkCase.GoldSpans.First(s => context[s.Start..s.End].Contains(benchmarkCase.GoldAnswers[0]));
        // At depth 1 the needle is the last sentence, so its start sits one needle length before the end.
        int total = Counter.CountTokens(context);
        double measured = (double)Counter.CountTokens(context.AsSpan(0, first.Start)) / total;
        double needleShare = (double)Counter.CountTokens(context.AsSpan(first.Start, first.End - first.Start)) / total;
        Assert.InRange(measured, depth - 0.02 - needleShare * depth, depth + 0.02);
    }

    [Theory]
    [InlineData(1024, 0.0)]
    [InlineData(4096, 0.33)]
    [InlineData(65536, 1.0)]
    public void Haystack_only_definition_sizes_the_haystack_itself(int tokens, double depth)
    {
        var benchmarkCase = new SyntheticGenerator(Counter, new HardWrappedFiller(), LengthDefinition.HaystackOnly)
            .Generate(SyntheticDatasets.Niah, tokens, seed: 9, index: 0, depth: depth);
        Assert.InRange(Counter.CountTokens(benchmarkCase.ContextText), tokens * 0.99, tokens * 1.01);
        AssertStartsSentence(benchmarkCase.ContextText, benchmarkCase.GoldSpans.Single().Start);
        Assert.Equal("0", benchmarkCase.Metadata["generation_tokens"]);
    }

    [Fact]
    public void Rulers_n_leaves_less_haystack_than_the_haystack_only_n()
    {
        var ruler = new SyntheticGenerator(Counter, new HardWrappedFiller()).Generate(SyntheticDatasets.Niah, 1024, 1, 0, 0.5);
        var haystack = new SyntheticGenerator(Counter, new HardWrappedFiller(), LengthDefinition.HaystackOnly).Generate(SyntheticDatasets.Niah, 1024, 1, 0, 0.5);
        // 128 generation tokens and RULER's template and question come out of the haystack.
        Assert.InRange(ruler.ContextTokens!.Value, 1024 - 128 - 120, 1024 - 128 - 40);
        Assert.InRange(haystack.ContextTokens!.Value, 1014, 1034);
    }

    [Theory]
    [InlineData("It was late. The end", new[] { 0, 13 })]
    [InlineData("Mr. Smith came. Dr. Who left! \"Then\" he said.", new[] { 0, 16, 30 })]
    [InlineData("See J. Smith and e.g. Rome. 1999 was.", new[] { 0, 28 })]
    [InlineData("a line that wraps\nin the middle. Next one", new[] { 0, 33 })]
    public void Sentence_starts_skip_abbreviations_initials_and_line_wraps(string text, int[] expected)
    {
        var collapsed = SentenceBoundaries.CollapseWhitespace(text);
        Assert.Equal(expected, SentenceBoundaries.Starts(collapsed));
    }
}
