using System.Text;

namespace AgentFramework.IntegrationTests.Retrieval;

/// <summary>Deterministic filler prose made of pseudo-words, so planted sentences are the only place their words occur.</summary>
internal static class SyntheticText
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "pe", "da", "gu", "fi", "zo", "be", "ha"];

    public static string Paragraphs(int seed, int paragraphs, int sentencesPerParagraph = 6)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, 400).Select(i =>
        {
            var r = new Random(i * 7919 + 13);
            return string.Concat(Enumerable.Range(0, r.Next(2, 4)).Select(_ => Syllables[r.Next(Syllables.Length)]));
        }).ToArray();
        var text = new StringBuilder();
        for (int p = 0; p < paragraphs; p++)
        {
            for (int s = 0; s < sentencesPerParagraph; s++)
            {
                int n = random.Next(6, 16);
                for (int w = 0; w < n; w++)
                {
                    var word = words[(int)Math.Min(words.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * words.Length)];
                    text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == n - 1 ? ". " : " ");
                }
            }
            text.Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>Inserts <paramref name="sentence"/> at the paragraph break nearest to <paramref name="fraction"/> of the text.</summary>
    public static string Plant(string text, string sentence, double fraction)
    {
        int at = text.IndexOf("\n\n", (int)(text.Length * fraction), StringComparison.Ordinal);
        at = at < 0 ? text.Length : at + 2;
        return text[..at] + sentence + "\n\n" + text[at..];
    }
}
