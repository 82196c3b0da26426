using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Evaluation;

public class DatasetLoaderTests
{
    private const string LEvalExam =
        """{"input": "Once upon a time.", "instructions": ["Why?\nA. because\nB. no reason", "Who?\n (A) me \n (B) you"], "outputs": ["A", "(B) you"], "source": "tpo", "evaluation": "exam"}""" + "\n\n" +
        """{"input": "Second doc.", "instructions": ["When?\nA. now\nB. later"], "outputs": ["B"], "source": "tpo", "evaluation": "exam"}""" + "\n";

    [Fact]
    public void LEval_makes_one_case_per_instruction_sharing_the_document()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Closed-ended-tasks/tpo.jsonl", LEvalExam);
        var cases = LEvalLoader.Load(path, "leval:tpo", TokenCounters.Cl100k);
        Assert.Equal(3, cases.Count);
        Assert.Equal(["tpo-0-0", "tpo-0-1", "tpo-1-0"], cases.Select(c => c.Id));
        Assert.Same(cases[0].Documents[0], cases[1].Documents[0]);
        Assert.All(cases, c => Assert.Equal(TaskKind.MultipleChoice, c.Kind));
        Assert.Equal(["(B) you"], cases[1].GoldAnswers);
        Assert.Equal("1k", cases[0].LengthBucket);
        Assert.Equal(3, LEvalLoader.Count(path));
    }

    [Fact]
    public void LEval_open_ended_tasks_use_the_task_metric_even_on_judge_rows()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Open-ended-tasks/news_summ.jsonl",
            """{"input": "News.", "instructions": ["Summarise."], "outputs": ["A summary."], "evaluation": "LLM"}""" + "\n" +
            """{"input": "More news.", "instructions": ["Summarise."], "outputs": ["Another."], "evaluation": "rouge"}""" + "\n");
        var cases = LEvalLoader.Load(path, "leval:news_summ");
        Assert.All(cases, c => Assert.Equal([LEvalRouge.MetricName], c.Metrics));
        Assert.All(cases, c => Assert.Equal(TaskKind.Summary, c.Kind));
    }

    [Fact]
    public void LEval_sci_fi_keeps_the_fact_half_for_L_Evals_loyalty_and_fact_score()
    {
        using var folder = new TempFolder();
        var path = folder.Write("sci_fi.jsonl", """{"input": "x", "instructions": ["True or False?"], "outputs": ["True [fact: False]"], "evaluation": "exam"}""");
        var single = LEvalLoader.Load(path, "leval:sci_fi").Single();
        Assert.Equal(["True [fact: False]"], single.GoldAnswers);
        Assert.Equal([LEvalExamScore.MetricName], single.Metrics);
    }

    [Fact]
    public void Lara_reads_queries_and_shares_contexts()
    {
        using var folder = new TempFolder();
        folder.Write("lara/32k/book/Tale.txt", "Hartman kept the shop.");
        folder.Write("lara/query/32k_book_location.jsonl",
            """{"type": "novel", "level": "location", "length": "32k", "file": "Tale.txt", "context_order": "0", "question": "Who kept the shop?", "answer": "Hartman"}""" + "\n" +
            """{"type": "novel", "level": "location", "length": "32k", "file": "Tale.txt", "context_order": "0", "question": "What did he keep?", "answer": "The shop"}""" + "\n");
        var lara = Path.Combine(folder.Path, "lara");
        var cases = LaraLoader.Load(lara, "32k", "lara:32k");
        Assert.Equal(2, cases.Count);
        Assert.Same(cases[0].Documents[0], cases[1].Documents[0]);
        Assert.Equal("Tale.txt", cases[0].Documents[0].Name);
        Assert.Equal("32k", cases[0].LengthBucket);
        Assert.Contains(JudgeCorrectness.MetricName, cases[0].Metrics);
        Assert.Equal("location", cases[0].Metadata["task"]);
        Assert.Equal(2, LaraLoader.Count(lara, "32k"));
        Assert.Empty(LaraLoader.Load(lara, "128k", "lara:128k"));
    }

    [Fact]
    public void Lara_missing_context_names_the_file()
    {
        using var folder = new TempFolder();
        folder.Write("lara/query/32k_book_location.jsonl", """{"file": "Missing.txt", "question": "q", "answer": "a"}""");
        var error = Assert.Throws<DocumentLoadException>(() => LaraLoader.Load(Path.Combine(folder.Path, "lara"), "32k", "lara:32k"));
        Assert.Contains("Missing.txt", error.Message);
        Assert.Contains("32k_book_location.jsonl:1", error.Message);
    }

    private const string SummHay = """
        {"topic_id": "t1", "topic": "Cars",
         "documents": [
           {"document_id": "d1", "document_text": "E85 gives power.", "insights_included": ["i1"]},
           {"document_id": "d2", "document_text": "Nothing here.", "insights_included": []},
           {"document_id": "d3", "document_text": "Power and fuel.", "insights_included": ["i1", "i2"]}],
         "subtopics": [
           {"subtopic_id": "s1", "subtopic": "Fuel", "query": "Impact of fuel?",
            "insights": [{"insight_id": "i1", "insight": "E85 adds power."}, {"insight_id": "i2", "insight": "Fuel matters."}]},
           {"subtopic_id": "s2", "subtopic": "Other", "query": "Other?", "insights": []}]}
        """;

    [Fact]
    public void SummHay_makes_a_case_per_subtopic_with_insight_documents()
    {
        using var folder = new TempFolder();
        var path = folder.Write("summhay/topic_news1.json", SummHay);
        var cases = SummHayLoader.Load(Path.GetDirectoryName(path)!, "summhay");
        Assert.Equal(2, cases.Count);
        var first = cases[0];
        Assert.Equal(TaskKind.Summary, first.Kind);
        Assert.Equal("Impact of fuel?", first.Question);
        Assert.Equal(3, first.Documents.Count);
        Assert.Equal("d1", first.Documents[0].Name);
        Assert.Equal(["d1", "d3"], first.Insights[0].DocumentIds);
        Assert.Equal(["d1", "d3"], first.GoldDocuments);
        Assert.Equal([SummHayInsights.MetricName, CitationScore.MetricName], first.Metrics);
        Assert.Equal(2, SummHayLoader.Count(path));
        Assert.Equal(DatasetFormat.SummHay, DatasetFormatDetector.Detect(path));
    }

    [Fact]
    public void LongBench_v1_picks_the_task_metric()
    {
        using var folder = new TempFolder();
        var path = folder.Write("hotpotqa.jsonl",
            """{"input": "Who?", "context": "Alice met Bob.", "answers": ["Alice"], "length": 3, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "abc"}""" + "\n" +
            """{"input": "", "context": "Report.", "answers": ["Short."], "length": 1, "dataset": "gov_report", "language": "en", "all_classes": null, "_id": "def"}""" + "\n");
        var cases = LongBenchLoader.Load(path, "hotpotqa");
        Assert.Equal([TokenF1.MetricName], cases[0].Metrics);
        Assert.Equal("abc", cases[0].Id);
        Assert.Equal([RougeL.MetricName], cases[1].Metrics);
        Assert.Equal(TaskKind.Summary, cases[1].Kind);
        Assert.Equal(DatasetFormat.LongBench, DatasetFormatDetector.Detect(path));
    }

    [Fact]
    public void LongBench_v2_json_array_is_asked_with_the_official_prompt()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.json", """
            [{"_id": "v2a", "domain": "Single-Document QA", "sub_domain": "x", "difficulty": "easy", "length": "short",
              "question": "Which?", "choice_A": "one", "choice_B": "two", "choice_C": "three", "choice_D": "four",
              "answer": "C", "context": "Text."}]
            """);
        var single = Assert.Single(LongBenchLoader.Load(path, "longbench-v2"));
        // The official 0-shot prompt asks for "The correct answer is (X)", so the case is a question with the choices in it.
        Assert.Equal(TaskKind.QuestionAnswering, single.Kind);
        Assert.Equal(["one", "two", "three", "four"], single.Options);
        Assert.Equal("short", single.LengthBucket);
        Assert.Equal([LongBenchV2Accuracy.MetricName], single.Metrics);
        Assert.Equal(1.0, LongBenchV2Answer.Score("The correct answer is (C)", single.GoldAnswers[0]));
    }

    [Fact]
    public void LongBench_write_reads_lengths_as_numbers_or_strings()
    {
        using var folder = new TempFolder();
        var path = folder.Write("longbench_write.jsonl",
            """{"prompt": "Write 100 words.", "type": "Forum", "length": 100}""" + "\n\n" +
            """{"prompt": "写一篇3000字的文章", "type": "社区论坛", "length": "3000"}""" + "\n");
        var cases = LongBenchWriteLoader.Load(path, "longbench-write");
        Assert.Equal([100, 3000], cases.Select(c => c.RequiredWords!.Value));
        Assert.Equal(["<500w", "2k-4kw"], cases.Select(c => c.LengthBucket));
        Assert.All(cases, c => Assert.Empty(c.Documents));
        Assert.Equal(DatasetFormat.LongBenchWrite, DatasetFormatDetector.Detect(path));
    }

    [Fact]
    public void Malformed_json_names_file_and_line()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.jsonl", """{"prompt": "ok", "length": 5}""" + "\n{not json\n");
        var error = Assert.Throws<DocumentLoadException>(() => LongBenchWriteLoader.Load(path, "x"));
        Assert.Contains("bad.jsonl:2", error.Message);
    }

    [Fact]
    public void Catalog_resolves_names_and_lists_counts()
    {
        using var folder = new TempFolder();
        folder.Write("leval/Closed-ended-tasks/tpo.jsonl", LEvalExam);
        folder.Write("summhay/topic_news1.json", SummHay);
        folder.Write("longwriter/longbench_write.jsonl", """{"prompt": "Write.", "length": 100}""");
        var catalog = new DatasetCatalog(folder.Path);

        Assert.Equal(3, catalog.Load("leval:tpo").Count);
        Assert.Equal(2, catalog.Load("summhay").Count);
        Assert.Single(catalog.Load("longbench-write"));

        var listed = catalog.List();
        Assert.Equal(["leval:tpo", "summhay", "longbench-write"], listed.Select(d => d.Name));
        Assert.Equal([3, 2, 1], listed.Select(d => d.Cases));
    }

    [Fact]
    public void Catalog_loads_a_file_path_by_its_shape()
    {
        using var folder = new TempFolder();
        var path = folder.Write("mine.jsonl", LEvalExam);
        var cases = new DatasetCatalog(null).Load(path);
        Assert.Equal(3, cases.Count);
        Assert.Equal("mine", cases[0].Dataset);
    }

    [Theory]
    [InlineData("leval:nope", "BenchmarkCase.Dataset")]
    [InlineData("lara:64k", "BenchmarkCase.Dataset")]
    [InlineData("whatever", "BenchmarkCase.Dataset")]
    public void Catalog_errors_name_the_flag(string name, string flag)
    {
        using var folder = new TempFolder();
        folder.Write("leval/Closed-ended-tasks/tpo.jsonl", LEvalExam);
        var error = Assert.ThrowsAny<UserInputException>(() => new DatasetCatalog(folder.Path).Load(name));
        Assert.Equal(flag, error.Target);
        Assert.Equal("--dataset", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.FlagFor(error.Target));
    }

    [Fact]
    public void Catalog_without_data_folder_asks_for_data_dir()
    {
        var error = Assert.Throws<InvalidOptionException>(() => new DatasetCatalog(null).Load("summhay"));
        Assert.Equal("DatasetCatalog.DataDir", error.Target);
        Assert.Contains("pass --data-dir", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(error.Message));
    }

    [Theory]
    [InlineData(100, "1k")]
    [InlineData(1024, "1k")]
    [InlineData(1025, "2k")]
    [InlineData(7100, "8k")]
    [InlineData(100_000, "128k")]
    [InlineData(300_000, ">256k")]
    public void Buckets_round_up_to_powers_of_two(int tokens, string bucket) => Assert.Equal(bucket, LengthBuckets.ForTokens(tokens));

    [Fact]
    public void Lengths_parse_and_reject_junk()
    {
        Assert.Equal([4096, 16384, 3000], LengthBuckets.ParseList("4k, 16K,3000"));
        Assert.Equal("SyntheticGenerator.Lengths", Assert.Throws<InvalidOptionException>(() => LengthBuckets.Parse("four")).Target);
    }
}
