using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

/// <summary>
/// The hashing embedding's per-word lookups written as plain code (issue 15, start-up) answer as the framework calls
/// they replace: the stop-word table as the set, the word characters as <c>char.IsLetterOrDigit</c>.
/// </summary>
public class WordLookupTests
{
    [Fact]
    public void Stop_word_span_lookup_answers_as_the_string_lookup()
    {
        var random = new Random(4);
        string[] known = ["the", "of", "and", "a", "i", "it", "its", "they", "them", "this", "was", "from"];
        var candidates = known.Concat(known.Select(w => w + "s")).Concat(known.Select(w => w[..^1]))
            .Concat(Enumerable.Range(0, 5000).Select(_ => new string(Enumerable.Range(0, random.Next(0, 7)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray())))
            .Concat(["", "THE", "Of", "the ", "harbour", "ı", "\u0130"]);
        foreach (var word in candidates) Assert.Equal(StopWords.Contains(word), StopWords.Contains(word.AsSpan()));
        Assert.True(StopWords.Contains("the".AsSpan()));
        Assert.True(known.Max(w => w.Length) <= StopWords.LongestLength);
    }

    [Fact]
    public void Words_are_runs_of_letters_and_digits_with_their_combining_marks()
    {
        // Every UTF-16 code unit, between two letters and alone: the same split as the definition.
        for (int c = 0; c <= char.MaxValue; c++)
            foreach (var text in new[] { $"a{(char)c}b", ((char)c).ToString() })
                Assert.Equal(Split(text), Words(text));
    }

    private static List<(int, int)> Words(string text)
    {
        var words = new List<(int, int)>();
        int i = 0;
        while (WordTokenizer.NextWord(text, ref i, out int start)) words.Add((start, i));
        return words;
    }

    // The definition: a word starts at a letter or digit and runs over letters, digits and combining marks.
    private static List<(int, int)> Split(string text)
    {
        var words = new List<(int, int)>();
        for (int i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)) i++;
            words.Add((start, i));
        }
        return words;
    }
}
