using AgentFramework.Agents.MemoryStream;
using AgentFramework.Retrieval.Memory;

namespace AgentFramework.Tests.Agents.Longform;

public sealed class MemoryScoringTests
{
    private static MemoryEntry Entry(string id, float[] embedding, int importance, int lastUsed, int created = 0) =>
        new(id, MemoryEntryKind.Observation, id, [], importance, embedding, created, lastUsed, []);

    [Fact]
    public void Recency_ranks_the_most_recently_used_entry_first()
    {
        // Equal relevance and importance: only recency separates them. Created order is deliberately the reverse.
        var same = new[] { 1f, 0f };
        var entries = new[] { Entry("a", same, 5, lastUsed: 1, created: 3), Entry("b", same, 5, lastUsed: 9, created: 1), Entry("c", same, 5, lastUsed: 4, created: 2) };
        var ranked = MemoryScorer.Rank(entries, [1f, 0f], currentStep: 10, new MemoryStreamOptions());
        Assert.Equal(["b", "c", "a"], ranked.Select(r => r.Entry.Id));
        Assert.Equal(1.0, ranked[0].Recency, 9);   // newest-used normalises to 1
        Assert.Equal(0.0, ranked[^1].Recency, 9);  // oldest-used to 0
    }

    [Fact]
    public void Components_are_min_max_normalised_and_weighted()
    {
        var entries = new[]
        {
            Entry("same-direction", [1f, 0f], importance: 10, lastUsed: 10),
            Entry("orthogonal", [0f, 1f], importance: 1, lastUsed: 10),
            Entry("opposite", [-1f, 0f], importance: 4, lastUsed: 10),
        };
        var options = new MemoryStreamOptions(); // weights 3 / 2 / 0.5
        var ranked = MemoryScorer.Rank(entries, [1f, 0f], currentStep: 10, options).ToDictionary(r => r.Entry.Id);

        // cosines 1, 0, −1 → 1, 0.5, 0; importance 10, 1, 4 → 1, 0, 1/3; equal recency → 0.5 each.
        Assert.Equal(3 * 1.0 + 2 * 1.0 + 0.5 * 0.5, ranked["same-direction"].Score, 9);
        Assert.Equal(3 * 0.5 + 2 * 0.0 + 0.5 * 0.5, ranked["orthogonal"].Score, 9);
        Assert.Equal(3 * 0.0 + 2 * (1.0 / 3) + 0.5 * 0.5, ranked["opposite"].Score, 9);
        Assert.All(ranked.Values, r =>
        {
            Assert.InRange(r.Relevance, 0, 1);
            Assert.InRange(r.Importance, 0, 1);
            Assert.InRange(r.Recency, 0, 1);
        });
    }

    [Fact]
    public void Weights_decide_which_component_wins()
    {
        var entries = new[]
        {
            Entry("relevant", [1f, 0f], importance: 1, lastUsed: 0),
            Entry("important", [0f, 1f], importance: 10, lastUsed: 0),
            Entry("recent", [0f, 1f], importance: 1, lastUsed: 20),
        };
        string Top(double rel, double imp, double rec) =>
            MemoryScorer.Rank(entries, [1f, 0f], 20, new MemoryStreamOptions { RelevanceWeight = rel, ImportanceWeight = imp, RecencyWeight = rec })[0].Entry.Id;
        Assert.Equal("relevant", Top(1, 0, 0));
        Assert.Equal("important", Top(0, 1, 0));
        Assert.Equal("recent", Top(0, 0, 1));
        Assert.Equal("relevant", Top(3, 2, 0.5)); // the defaults: relevance outweighs importance
    }

    [Fact]
    public void Recalling_an_entry_refreshes_its_recency()
    {
        var options = new MemoryStreamOptions { ArchivedEntries = 1, FlashEntries = 0 };
        var memory = new MemoryController(options);
        memory.AdvanceStep();
        var old = memory.Add(MemoryEntryKind.Observation, "whales", [], 5, [1f, 0f]);
        for (int i = 0; i < 5; i++) memory.AdvanceStep();
        memory.Add(MemoryEntryKind.Observation, "ships", [], 5, [0f, 1f]);
        memory.AdvanceStep();

        var recalled = memory.Recall([1f, 0f]);
        Assert.Equal(old.Id, Assert.Single(recalled).Entry.Id);
        Assert.Equal(memory.Step, memory.Find(old.Id)!.LastUsedStep);
    }

    [Fact]
    public void Flash_memory_is_the_latest_entries_and_archived_recall_skips_them()
    {
        var memory = new MemoryController(new MemoryStreamOptions { FlashEntries = 2, ArchivedEntries = 10 });
        for (int i = 0; i < 5; i++) { memory.AdvanceStep(); memory.Add(MemoryEntryKind.Observation, $"note {i}", [], 5, [1f, i]); }
        Assert.Equal(["m0004", "m0005"], memory.Flash().Select(e => e.Id));
        Assert.Equal(["m0001", "m0002", "m0003"], memory.Recall([1f, 0f]).Select(s => s.Entry.Id).Order());
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("Importance: 8/10", 8)]
    [InlineData("**9** — a major turn in the plot", 9)]
    [InlineData("I'd say six.", 6)]
    [InlineData("rating = 3.6", 4)]
    [InlineData("In 1851 the book appeared.", 5)]  // a year is not a rating
    [InlineData("importance: 12", 5)]              // out of range everywhere ⇒ default
    [InlineData("", 5)]
    [InlineData("zzzz qqq", 5)]
    public void Importance_is_parsed_robustly_with_a_default(string answer, int expected) =>
        Assert.Equal(expected, ImportanceParser.Parse(answer, defaultImportance: 5));

    [Fact]
    public void Observation_parts_are_found_in_any_order_and_markdown()
    {
        var parsed = ObservationParser.Parse("Sure!\n**SUMMARY:** Ishmael goes to sea.\n**NOTE:** Ishmael meets Queequeg in chapter 3.\n## Importance: 7/10");
        Assert.Equal("Ishmael meets Queequeg in chapter 3.", parsed.Note);
        Assert.Equal("Ishmael goes to sea.", parsed.Summary);
        Assert.Equal(7, parsed.Importance);
        Assert.True(parsed.ImportanceParsed);

        var unlabelled = ObservationParser.Parse("Chapter 3 introduces Queequeg.", defaultImportance: 5);
        Assert.Equal("Chapter 3 introduces Queequeg.", unlabelled.Note);
        Assert.Null(unlabelled.Summary);
        Assert.Equal(5, unlabelled.Importance); // the 3 of "Chapter 3" is not a rating
        Assert.False(unlabelled.ImportanceParsed);
    }

    [Fact]
    public void Reflection_lines_cite_their_note_numbers()
    {
        var insights = ReflectionParser.Parse("Here are the insights I drew from the notes above:\n1. Fear grows over the voyage [1, 3]\n- Ahab is obsessed (because of 2 and 9)\n* Nothing is certain", noteCount: 3, maxInsights: 5);
        Assert.Equal(3, insights.Count);
        Assert.Equal("Fear grows over the voyage", insights[0].Text);
        Assert.Equal([1, 3], insights[0].SourceNumbers);
        Assert.Equal([2], insights[1].SourceNumbers);         // 9 is not a shown note
        Assert.Equal([1, 2, 3], insights[2].SourceNumbers);   // cites nothing ⇒ rests on all shown notes
    }
}
