using System.Text.Json;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>One line of ../shared/data/scorer-conformance/pairs.jsonl: a prediction, its references and the official score.</summary>
public sealed record ConformancePair(string Id, string Family, string? Task, string Prediction, IReadOnlyList<string> Golds,
    IReadOnlyList<string> Classes, JsonElement Meta, JsonElement Official)
{
    public double? OfficialScore => Official.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
    public bool OfficialRaises => Official.TryGetProperty("error", out _);

    public static IReadOnlyList<ConformancePair> Load(string path) => [.. File.ReadLines(path).Where(l => l.Length > 0).Select(Parse)];

    private static ConformancePair Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        static List<string> Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray().Select(x => x.GetString()!)] : [];
        return new ConformancePair(root.GetProperty("id").GetString()!, root.GetProperty("family").GetString()!,
            root.GetProperty("task").ValueKind == JsonValueKind.String ? root.GetProperty("task").GetString() : null,
            root.GetProperty("pred").GetString()!, Strings(root.GetProperty("golds")), Strings(root.GetProperty("classes")),
            root.GetProperty("meta").Clone(), root.GetProperty("official").Clone());
    }
}

/// <summary>
/// Scores a conformance pair with our port of the family's official scorer. Returns the checks (name, ours, official)
/// the pair has: the score, plus sub-scores the official output records (rouge1/rouge2, precision/recall, the difflib
/// fuzz.ratio). Null ours means our scorer reports that the official code raises.
/// </summary>
public static class ConformanceScorer
{
    public sealed record Check(string Name, double? Ours, double? Official, bool OfficialRaises);

    public static IEnumerable<Check> Score(ConformancePair pair)
    {
        var family = pair.Family;
        var golds = pair.Golds;
        var pred = pair.Prediction;
        if (family.StartsWith("lb:", StringComparison.Ordinal))
        {
            double? ours;
            try { ours = LongBenchScorer.ScoreSample(pair.Task!, pred, golds, pair.Classes); }
            catch (OfficialScorerException) { ours = null; }
            yield return new Check("score", ours, pair.OfficialScore, pair.OfficialRaises);
            if (pair.Official.TryGetProperty("score_difflib", out var difflib))
                yield return new Check("score_difflib", LongBenchScorer.ScoreSample(pair.Task!, pred, golds, pair.Classes, FuzzRatioBackend.Difflib),
                    difflib.GetDouble(), false);
            yield break;
        }
        switch (family)
        {
            case "em":
                yield return new Check("score", ExactMatch.Score(pred, golds), pair.OfficialScore, false);
                break;
            case "ruler_all":
                yield return new Check("score", StringMatchAll.Score(pred, golds), pair.OfficialScore, false);
                break;
            case "ruler_part":
                yield return new Check("score", StringMatchPart.Score(pred, golds), pair.OfficialScore, false);
                break;
            case "lw_length":
            {
                int produced = LongWriterWords.Count(pred);
                yield return new Check("produced_words", produced, pair.Official.GetProperty("produced_words").GetDouble(), false);
                yield return new Check("score", LongWriterWords.Score(int.Parse(golds[0]), produced), pair.OfficialScore, pair.OfficialRaises);
                break;
            }
            case "leval_gsm":
                yield return new Check("score", MathExactMatch.Score(pred, golds), pair.OfficialScore, false);
                break;
            case "leval_topic":
                yield return new Check("score", golds.Select(g => LEvalScoring.ExactMatch(pred, g)).Max(), pair.OfficialScore, false);
                break;
            case "leval_scifi":
                yield return new Check("score", LEvalScoring.SciFi(pred, golds[0])?.Score, pair.OfficialScore, pair.OfficialRaises);
                break;
            case "leval_rouge":
            {
                var scores = RougeScore.Score(pred, golds[0]);
                yield return new Check("score", scores.RougeL, pair.OfficialScore, false);
                yield return new Check("rouge1", scores.Rouge1, pair.Official.GetProperty("rouge1").GetDouble(), false);
                yield return new Check("rouge2", scores.Rouge2, pair.Official.GetProperty("rouge2").GetDouble(), false);
                break;
            }
            case "lbv2_mc":
            case "lbv2_fmt":
                yield return new Check("score", LongBenchV2Answer.Score(pred, golds[0]), pair.OfficialScore, false);
                break;
            case "cit_formula":
            {
                var cited = pair.Meta.GetProperty("cited").EnumerateArray().Select(e => e.GetString()!).ToList();
                var result = CitationScore.ByDocument(cited, golds);
                yield return new Check("score", result.F1, pair.OfficialScore, false);
                yield return new Check("precision", result.Precision, pair.Official.GetProperty("precision").GetDouble(), false);
                yield return new Check("recall", result.Recall, pair.Official.GetProperty("recall").GetDouble(), false);
                break;
            }
            default:
                if (family.StartsWith("leval_mc:", StringComparison.Ordinal))
                {
                    var task = family["leval_mc:".Length..];
                    var chosen = LEvalScoring.ProcessOutputMultipleChoice(pred, coursera: task == "coursera");
                    var gold = LEvalScoring.ProcessGoldMultipleChoice(golds[0]);
                    yield return new Check("score", gold is null ? null : LEvalScoring.ExactMatch(chosen, gold), pair.OfficialScore, pair.OfficialRaises);
                    break;
                }
                throw new InvalidOperationException($"pair {pair.Id}: unknown family '{family}'");
        }
    }

    /// <summary>Whether a check agrees: both raise, or both give scores within <paramref name="tolerance"/>.</summary>
    public static bool Agrees(Check check, double tolerance) => check.OfficialRaises
        ? check.Ours is null
        : check.Ours is double ours && check.Official is double official && Math.Abs(ours - official) <= tolerance;
}
