using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Models;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Agents.Longform;

/// <summary>The whole-document length control of plan-then-write: short drafts are continued, long ones trimmed.</summary>
public sealed class LengthControlTests
{
    private static readonly ModelProfile Profile = new("scripted", 8192, TokenCounters.Cl100k);

    private static string Sentences(int sentences, int wordsEach) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(_ => string.Join(' ', Enumerable.Repeat("whale", wordsEach)) + "."));

    private const string TwoSectionPlan =
        "Section 1 - Title: Sea - Main Point: The sea. - Word Count: 500 words\nSection 2 - Title: Ship - Main Point: The ship. - Word Count: 500 words";

    [Fact]
    public async Task A_short_draft_is_continued_at_its_shortest_section_until_the_document_is_within_five_percent()
    {
        // Each section comes out at 82% (over the per-section 80% bar, so no per-section continuation); each
        // whole-document continuation adds 60 words.
        var client = new StageScriptedChatClient(call => call.Stage switch
        {
            "plan-then-write/plan" => TwoSectionPlan,
            "plan-then-write/write" => Sentences(41, 10),
            _ => Sentences(6, 10),
        });
        var result = await new PlanThenWritePipeline(client.ToCaller(), Profile, new PlanThenWriteOptions())
            .WriteAsync(new WritingRequest("Write about whaling.", 1000), cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.DocumentWords, 950, 1050);
        Assert.Equal(WordCounter.Count(result.Markdown), result.DocumentWords);
        Assert.Equal(LengthScore.Compute(1000, result.DocumentWords), result.LengthScore, 9);
        Assert.NotEmpty(client.CallsIn("plan-then-write/continue"));
        Assert.All(result.Sections, s => Assert.Equal(s.Words, s.Rounds[^1].WordsAfter));
        Assert.Contains(result.Trace.Artifacts, a => a.Stage == LengthControl.Stage && a.Content.StartsWith("extended section", StringComparison.Ordinal));
        // Title and the plan as an outline come first.
        Assert.StartsWith("# Write about whaling\n\n1. Sea — The sea.\n2. Ship — The ship.\n\n## Sea\n", result.Markdown);
    }

    [Fact]
    public async Task A_long_draft_is_trimmed_at_sentence_ends_of_its_longest_section_without_a_model_call()
    {
        var client = new StageScriptedChatClient(call => call.Stage switch
        {
            "plan-then-write/plan" => TwoSectionPlan,
            "plan-then-write/write" => call.UserText.Contains("\"Sea\"") ? Sentences(64, 10) : Sentences(52, 10), // 640 and 520 words
            "plan-then-write/shorten" => Sentences(80, 10),                                                       // never closer: rejected
            _ => throw new InvalidOperationException(call.Stage),
        });
        var result = await new PlanThenWritePipeline(client.ToCaller(), Profile, new PlanThenWriteOptions())
            .WriteAsync(new WritingRequest("Write about whaling.", 1000, TitleAndOutline: false), cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.DocumentWords, 950, 1050);
        Assert.StartsWith("## Sea\n", result.Markdown);                        // --no-outline: sections only
        var sea = result.Sections[0];
        Assert.Equal(RoundKind.Trim, sea.Rounds[^1].Kind);
        Assert.EndsWith("whale.", sea.Text);                                    // cut at a sentence end
        Assert.Equal(0, sea.Rounds[^1].OutputTokenLimit);
        Assert.Equal(520, result.Sections[1].Words);                           // the shorter section is left alone
    }

    [Theory]
    [InlineData("One two three. Four five six. Seven eight nine.", 4, 7, "One two three. Four five six.", true)]
    [InlineData("One two three four five six seven eight nine.", 1, 4, "One two three four …", false)]
    public void Trim_prefers_the_last_sentence_end_in_range_else_a_word_boundary(string text, int min, int max, string expected, bool atSentence)
    {
        Assert.Equal((expected, atSentence), LengthControl.Trim(text, min, max));
    }
}
