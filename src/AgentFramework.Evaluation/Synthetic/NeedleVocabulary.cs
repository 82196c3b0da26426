namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// Keys, values and words for synthetic tasks, drawn from a seeded <see cref="Random"/>: RULER-style keys
/// ("adjective-noun"), 7-digit values, upper-case variable names and pronounceable made-up words (never real
/// English, so they cannot collide with the filler).
/// </summary>
internal static class NeedleVocabulary
{
    private static readonly string[] Adjectives = ["amber", "brave", "calm", "dusty", "eager", "faint", "gentle", "hollow", "icy", "jolly",
        "keen", "lively", "misty", "noble", "odd", "proud", "quiet", "rapid", "silent", "tidy", "upbeat", "vivid", "wary", "young", "zesty",
        "bitter", "crisp", "distant", "elegant", "fragile", "golden", "humble", "idle", "loyal", "modest", "nimble", "polite", "rustic"];
    private static readonly string[] Nouns = ["anchor", "badger", "canyon", "dolphin", "engine", "falcon", "glacier", "harbor", "island",
        "jacket", "kettle", "lantern", "meadow", "nectar", "orchard", "pepper", "quarry", "raven", "saddle", "tunnel", "umbrella", "violin",
        "walnut", "yard", "zephyr", "biscuit", "compass", "dagger", "ember", "feather", "granite", "hammock", "ivory", "jungle", "kiosk"];
    private static readonly string[] Syllables = ["ba", "be", "bi", "bo", "da", "de", "di", "do", "fa", "fe", "fi", "fo", "ga", "ge", "gi",
        "go", "ka", "ke", "ki", "ko", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "pa", "pe", "pi", "po", "ra",
        "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve", "vi", "vo", "za", "ze", "zi", "zo"];

    public static List<string> Keys(Random random, int count) =>
        Distinct(count, () => $"{Adjectives[random.Next(Adjectives.Length)]}-{Nouns[random.Next(Nouns.Length)]}");

    public static List<string> Values(Random random, int count) =>
        Distinct(count, () => random.Next(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static List<string> VariableNames(Random random, int count) =>
        Distinct(count, () => new string(Enumerable.Range(0, 5).Select(_ => (char)('A' + random.Next(26))).ToArray()));

    public static List<string> Words(Random random, int count) =>
        Distinct(count, () => string.Concat(Enumerable.Range(0, 3 + random.Next(2)).Select(_ => Syllables[random.Next(Syllables.Length)])));

    private static List<string> Distinct(int count, Func<string> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(count);
        while (list.Count < count) { var value = next(); if (seen.Add(value)) list.Add(value); }
        return list;
    }
}
