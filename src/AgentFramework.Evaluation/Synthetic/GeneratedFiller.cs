using System.Text;

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// Plain English-like filler made from small word lists by a seeded generator, for when the essays are absent.
/// Sentences are varied enough that a needle is not trivially the only distinct sentence, and contain no digits.
/// </summary>
public sealed class GeneratedFiller : IFillerSource
{
    private static readonly string[] Subjects = ["The river", "A small company", "The old town", "Every student", "The committee", "A careful writer",
        "The garden", "Our neighbour", "The morning train", "A quiet engineer", "The library", "Most farmers", "The new bridge", "A young painter"];
    private static readonly string[] Verbs = ["changed", "followed", "described", "ignored", "improved", "remembered", "questioned", "visited",
        "measured", "explained", "built", "carried", "watched", "discussed"];
    private static readonly string[] Objects = ["the long road", "a simple plan", "the evening light", "an unusual idea", "the harvest",
        "several letters", "the village square", "a forgotten song", "the winter market", "an honest answer", "the northern hills", "a wooden boat"];
    private static readonly string[] Endings = ["before the rain came", "with some patience", "after a long week", "for reasons nobody recalled",
        "without much fuss", "in the usual way", "as the season turned", "while others slept", "at a steady pace", "near the end of the day"];

    public string Name => "generated";

    public string Text(int minChars, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(minChars + 200);
        int sentencesInParagraph = 0;
        while (builder.Length < minChars)
        {
            builder.Append(Pick(random, Subjects)).Append(' ').Append(Pick(random, Verbs)).Append(' ').Append(Pick(random, Objects));
            if (random.Next(2) == 0) builder.Append(' ').Append(Pick(random, Endings));
            builder.Append('.');
            if (++sentencesInParagraph >= 6 && random.Next(3) == 0) { builder.Append("\n\n"); sentencesInParagraph = 0; }
            else builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
