using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.Tests.Evaluation;

public class LongBenchV2LoaderTests
{
    private const string Item = """
        {"_id": "66f36490", "domain": "Long-dialogue History Understanding", "sub_domain": "Agent history QA", "difficulty": "hard",
         "length": "medium", "question": " Which player won? ", "choice_A": "Player 0 ", "choice_B": "Player 1", "choice_C": "Player 2",
         "choice_D": "Player 3", "answer": "B", "context": "\n Round 1: player 1 bids. \n"}
        """;

    [Fact]
    public void Longbench_v2_prefix_loads_data_json_with_the_official_zero_shot_prompt()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.json", "[" + Item + "]");
        var single = Assert.Single(new DatasetCatalog(null).Load("longbench-v2:" + path));
        // prompts/0shot.txt after its <text> block, fields stripped as pred.py strips them.
        Assert.Equal("What is the correct answer to this question: Which player won?\nChoices:\n(A) Player 0\n(B) Player 1\n(C) Player 2\n(D) Player 3\n\n" +
                     "Format your response as follows: \"The correct answer is (insert answer here)\".", single.Question);
        Assert.Equal("Round 1: player 1 bids.", single.Documents[0].Text);
        Assert.Equal(("66f36490", "longbench-v2:" + path, "medium"), (single.Id, single.Dataset, single.LengthBucket));

        var row = BenchmarkFamilies.Describe(new CaseResult(single.Dataset, single.Id, "full-context", single.LengthBucket, null, "", [], 0, "", 0, 0, 0, 0, 0, 0), single);
        Assert.Equal(BenchmarkFamilies.LongBenchV2, row.Benchmark);
        Assert.Equal("hard", row.Splits![BenchmarkFamilies.DifficultySplit]);
        Assert.Equal("medium", row.Splits![BenchmarkFamilies.LengthSplit]);
    }

    [Theory]
    [InlineData("The correct answer is (B)", 1.0)]
    [InlineData("**The correct answer is (B)** because player 1 bid last.", 1.0)]
    [InlineData("The correct answer is (A) Player 0... no, B", 0.0)]
    [InlineData("B", 0.0)] // off-format: the official rule extracts nothing
    public async Task Accuracy_uses_the_official_extract_answer(string response, double expected)
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.jsonl", Item.ReplaceLineEndings(" ") + "\n");
        var single = Assert.Single(LongBenchV2Loader.Load(path, "v2"));
        var result = await new MetricRegistry().Get(LongBenchV2Accuracy.MetricName).ScoreAsync(single, Prediction.FromText(response), TestContext.Current.CancellationToken);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void A_missing_file_or_a_bad_answer_is_a_user_error_naming_it()
    {
        var missing = Assert.Throws<InvalidOptionException>(() => new DatasetCatalog(null).Load("longbench-v2:/no/such/data.json"));
        Assert.Equal("BenchmarkCase.Dataset", missing.Target);
        using var folder = new TempFolder();
        var path = folder.Write("bad.json", "[" + Item.Replace("\"answer\": \"B\"", "\"answer\": \"E\"", StringComparison.Ordinal) + "]");
        var bad = Assert.Throws<DocumentLoadException>(() => LongBenchV2Loader.Load(path, "v2"));
        Assert.Contains("bad.json:1", bad.Message);
    }
}
