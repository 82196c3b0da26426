using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

/// <summary>The Python str details and the official rules our ports reproduce (each case differs from the naive .NET reading).</summary>
public class OfficialScorerPortTests
{
    [Fact]
    public void Python_whitespace_includes_the_information_separators()
    {
        Assert.Equal(["a", "b", "c"], PythonText.Split("a\u001Cb\u001Fc"));
        Assert.Equal("x", PythonText.Strip("\u001E x \u001D"));
        Assert.Single("a\u001Cb".Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)); // .NET keeps it whole
    }

    [Fact]
    public void Python_lower_maps_dotted_capital_i_to_two_code_points_and_final_sigma()
    {
        Assert.Equal("i\u0307stanbul", PythonText.Lower("İstanbul"));
        Assert.Equal("σας", PythonText.Lower("ΣΑΣ"));
        Assert.Equal("σ", PythonText.Lower("Σ"));
        Assert.Equal("k", PythonText.Lower("\u212A")); // Kelvin sign
        Assert.Equal("ß", PythonText.Lower("ẞ"));
    }

    [Fact]
    public void Python_word_boundary_ignores_combining_marks_but_counts_other_numbers()
    {
        // "\u0301" (combining acute) is no \w in Python: "e\u0301 the" keeps a boundary before "the"; .NET's \b agrees here,
        // but between the mark and "a" Python sees a boundary where .NET sees none.
        Assert.Equal("x\u0301 ", AnswerNormalizer.RemoveArticles("x\u0301a"));
        // "²" (other number) is \w in Python, so "²a" has no boundary and the "a" stays.
        Assert.Equal("²a", AnswerNormalizer.RemoveArticles("²a"));
        // "state_of_the_art" has no English word for LongWriter: '_' is a word character.
        Assert.Equal(0, LongWriterWords.Count("state_of_the_art"));
        Assert.Equal(3, LongWriterWords.Count("state of art"));
    }

    [Fact]
    public void Coursera_gives_partial_credit_and_reads_one_option_per_line()
    {
        Assert.Equal("B", LEvalScoring.ProcessOutputMultipleChoice("B", coursera: true));
        Assert.Equal(0.25, LEvalScoring.ExactMatch("B", "BD"));
        Assert.Equal("AB", LEvalScoring.ProcessOutputMultipleChoice("A\nB\nD", coursera: true)); // the last D has nothing after it
        Assert.Equal("BD", LEvalScoring.ProcessOutputMultipleChoice("BD. Both are right", coursera: true));
        Assert.Equal("B", LEvalScoring.ProcessOutputMultipleChoice("I think the answer is (B)", coursera: false)); // the first A-D anywhere
    }

    [Fact]
    public void Sci_fi_scores_loyalty_and_fact_separately()
    {
        Assert.Equal(0.5, LEvalScoring.SciFi("True [fact: True]", "True [fact: False]")!.Value.Score);
        Assert.Equal(1.0, LEvalScoring.SciFi("It is not true in the story, so False [fact: False]", "True [fact: False]")!.Value.Score);
        Assert.Null(LEvalScoring.SciFi("True", "True [fact: False]")); // L-Eval's own code raises: no "[fact:"
    }

    [Fact]
    public void LongBench_v2_reads_the_parenthesised_letter_only_after_the_official_phrase()
    {
        Assert.Equal("B", LongBenchV2Answer.Extract("The correct answer is (B) A boy and his dog"));
        Assert.Equal("D", LongBenchV2Answer.Extract("**The correct answer is (D)**"));
        Assert.Null(LongBenchV2Answer.Extract("I think the answer is C."));
    }

    [Fact]
    public void Fuzz_ratio_backends_differ_where_difflib_is_greedy()
    {
        // A conformance pair: python-Levenshtein 26, difflib 21.
        const string prediction = "        var parts = stem.Split('_');";
        const string gold = "            md.AppendLine($\"| {p.Pipeline} | {string.Join(\" | \", cells)} | {F(p.MeanScore)} ({p.Cases - p.FailedCases}) |\");";
        Assert.Equal(26, CodeSimScore.FuzzRatio(prediction, gold, FuzzRatioBackend.Levenshtein));
        Assert.Equal(21, CodeSimScore.FuzzRatio(prediction, gold, FuzzRatioBackend.Difflib));
        Assert.Equal(62, CodeSimScore.FuzzRatio("kitten", "sitting", FuzzRatioBackend.Levenshtein));
        Assert.Equal(62, CodeSimScore.FuzzRatio("kitten", "sitting", FuzzRatioBackend.Difflib));
        // Crossing blocks: LCS finds "ab" + "cd" order-preserving 2 of 4; difflib takes the longest block "cd" first, then nothing left of it.
        Assert.Equal(50, CodeSimScore.FuzzRatio("abcd", "cdab", FuzzRatioBackend.Levenshtein));
        Assert.Equal(50, CodeSimScore.FuzzRatio("abcd", "cdab", FuzzRatioBackend.Difflib));
    }

    [Fact]
    public void Python_round_is_exact_half_even_on_the_binary_value()
    {
        Assert.Equal(2.67, LongBenchScorer.PythonRound(2.675, 2)); // 2.675 is 2.67499999... in binary
        Assert.Equal(0.12, LongBenchScorer.PythonRound(0.125, 2)); // an exact tie rounds to even
        Assert.Equal(45.0, LongBenchScorer.PythonRound(44.999999, 2));
    }

    [Fact]
    public void L_Eval_rouge_tokenises_like_rouge_score()
    {
        Assert.Equal(["the", "cat", "s", "2nd", "toy"], RougeScore.Tokenize("The CAT's 2nd-toy!"));
        var scores = RougeScore.Score("the cat sat", "the cat sat down");
        Assert.Equal(2 * 1.0 * 0.75 / 1.75, scores.Rouge1, 12);
        Assert.Equal(2 * 1.0 * (2.0 / 3) / (1 + 2.0 / 3), scores.Rouge2, 12);
    }
}
