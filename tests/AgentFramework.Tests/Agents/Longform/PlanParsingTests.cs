using AgentFramework.Agents.PlanThenWrite;

namespace AgentFramework.Tests.Agents.Longform;

public sealed class PlanParsingTests
{
    public static TheoryData<string, string[], int?[]> MessyPlans => new()
    {
        {
            // AgentWrite's own format.
            "Paragraph 1 - Main Point: Why whales matter to the story - Word Count: 400 words\n" +
            "Paragraph 2 - Main Point: How Ahab changes - Word Count: 600 words",
            ["Why whales matter to the story", "How Ahab changes"], [400, 600]
        },
        {
            // Our prompt's format, with a chatty preamble and sign-off.
            "Sure! Here is a plan for your 1,000 words essay:\n\n" +
            "Section 1 - Title: Origins - Main Point: Where the tale starts. - Word Count: 300 words\n" +
            "Section 2 - Title: The hunt - Main Point: The chase itself. - Word Count: 700 words\n\n" +
            "Let me know if you want changes.",
            ["Origins", "The hunt"], [300, 700]
        },
        {
            // Numbered markdown list with bold titles and parenthesised counts.
            "1. **Introduction** — sets the scene (250 words)\n2. **Body**: the argument, in depth (500 words)\n3. **Close** - what follows (~250 words)",
            ["Introduction", "Body", "Close"], [250, 500, 250]
        },
        {
            // Bullets with "Title: point" and a missing count.
            "- Background: the whaling industry in 1840, 300 words\n* Characters: who sails on the Pequod\n• Themes: obsession and fate - 200 words",
            ["Background", "Characters", "Themes"], [300, null, 200]
        },
        {
            // JSON inside a code fence, with snake_case keys and string counts.
            "```json\n{\"sections\": [{\"title\": \"Start\", \"main_point\": \"Open\", \"word_count\": \"450 words\"}, {\"title\": \"End\", \"main_point\": \"Close\", \"words\": 550}]}\n```",
            ["Start", "End"], [450, 550]
        },
        {
            // Bold "Section N:" headings with the count after them.
            "**Section 1: Introduction** (500 words)\n**Section 2: Conclusion** (250 words)",
            ["Introduction", "Conclusion"], [500, 250]
        },
        {
            // A bare JSON array.
            "[{\"heading\": \"One\", \"description\": \"First\", \"target_words\": 100}, {\"heading\": \"Two\", \"description\": \"Second\"}]",
            ["One", "Two"], [100, null]
        },
    };

    [Theory]
    [MemberData(nameof(MessyPlans))]
    public void Plans_parse_from_messy_outputs(string answer, string[] titles, int?[] words)
    {
        var sections = PlanParser.Parse(answer);
        Assert.Equal(titles, sections.Select(s => s.Title));
        Assert.Equal(words, sections.Select(s => s.Words));
        Assert.All(sections, s => Assert.False(string.IsNullOrWhiteSpace(s.MainPoint)));
    }

    [Fact]
    public void Prose_without_a_list_gives_no_sections()
    {
        Assert.Empty(PlanParser.Parse("I think this essay should be interesting and well argued."));
        Assert.Empty(PlanParser.Parse(""));
    }

    [Theory]
    [InlineData(10000)]
    [InlineData(1234)]
    [InlineData(7)]
    public void Targets_are_renormalised_to_the_requested_length(int total)
    {
        var proposed = PlanParser.Parse("1. A: a (300 words)\n2. B: b (900 words)\n3. C: c");
        var plan = PlanTargets.Normalise(proposed, total, new PlanThenWriteOptions());
        Assert.Equal(total, plan.TotalWords);                       // exact, so well within the 5% the issue allows
        Assert.All(plan.Sections, s => Assert.InRange(s.TargetWords, 1, 1000));
        Assert.Equal(Enumerable.Range(1, plan.Sections.Count), plan.Sections.Select(s => s.Number));
    }

    [Fact]
    public void Proportions_are_kept_and_long_sections_split_into_parts()
    {
        var proposed = PlanParser.Parse("1. A: a (300 words)\n2. B: b (900 words)\n3. C: c");
        // C has no count ⇒ it gets the mean of the others (600): weights 300 : 900 : 600 of 3600 words.
        var plan = PlanTargets.Normalise(proposed, 3600, new PlanThenWriteOptions { MaxSectionWords = 1000 });
        // 600 : 1800 : 1200, and anything over 1000 words is split into equal parts.
        Assert.Equal(["A", "B (part 1 of 2)", "B (part 2 of 2)", "C (part 1 of 2)", "C (part 2 of 2)"], plan.Sections.Select(s => s.Title));
        Assert.Equal([600, 900, 900, 600, 600], plan.Sections.Select(s => s.TargetWords));
    }

    [Fact]
    public void A_plan_that_cannot_be_parsed_falls_back_to_even_parts()
    {
        var plan = PlanTargets.Normalise(PlanParser.Parse("gibberish without any list"), 10000, new PlanThenWriteOptions { PreferredSectionWords = 500 });
        Assert.Equal(20, plan.Sections.Count);
        Assert.All(plan.Sections, s => Assert.Equal(500, s.TargetWords));
    }
}
