using System.Globalization;
using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// Context-length buckets as powers of two of 1k tokens ("1k" … "256k"): a case falls in the smallest bucket that
/// holds it, so a 7.1k-token document is "8k". Also parses lengths such as "4k", "16K", "128k" or "2000".
/// </summary>
public static class LengthBuckets
{
    public static IReadOnlyList<int> Standard { get; } = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144];

    public static string ForTokens(long tokens)
    {
        foreach (var size in Standard) if (tokens <= size) return Label(size);
        return ">256k";
    }

    public static string Label(int tokens) =>
        tokens % 1024 == 0 ? $"{tokens / 1024}k" : tokens.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses "4k" (= 4096), "1.5k", "3000"; throws an <see cref="InvalidOptionException"/> naming <paramref name="option"/>.</summary>
    public static int Parse(string text, string option = "SyntheticGenerator.Lengths")
    {
        var value = text.Trim().ToLowerInvariant();
        double multiplier = 1;
        if (value.EndsWith('k')) { multiplier = 1024; value = value[..^1]; }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0 || number * multiplier > 4_000_000)
            throw new InvalidOptionException(option, $"{option}: '{text}' is not a length; use token counts such as 4k,16k,64k.");
        return (int)Math.Round(number * multiplier);
    }

    public static IReadOnlyList<int> ParseList(string text, string option = "SyntheticGenerator.Lengths") =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Parse(t, option)).ToList();

    /// <summary>Sort key so "4k" comes before "16k" and named buckets keep a stable order after sizes.</summary>
    public static double SortKey(string bucket)
    {
        try { return Parse(bucket); }
        catch (InvalidOptionException) { return double.MaxValue; }
    }
}
