using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFramework.Evaluation.Judging;

/// <summary>
/// Summary of a Haystack's insight evaluation, ported from salesforce/summary-of-a-haystack @ 3e2007f populate_eval.py
/// (evaluate_insights) and prompts/eval_summhay.txt: for each gold insight, one user message with the numbered bullets
/// (json.dumps indent=1) and the insight; the judge answers JSON {"coverage": FULL_COVERAGE | PARTIAL_COVERAGE |
/// NO_COVERAGE, "bullet_id": n}. The official code calls anyllm's generate_json (not public); here a reply that is not
/// such a JSON object (after removing a ```json fence) is asked again, up to <see cref="Tries"/> calls, and then
/// counted as unreadable: no coverage, reported as unparsed_verdicts.
/// </summary>
public sealed class SummHayInsightJudge(IChatClient client, string modelName)
{
    public const int Tries = 3;

    public string ModelName { get; } = modelName;

    // prompts/eval_summhay.txt (salesforce/summary-of-a-haystack @ 3e2007f): the official judge prompt.
    internal const string Template =
        "You are given a list of bullet points (each with a unique number), and a specific reference insight. Your objective is to determine whether the reference insight is covered in any of the bullet points. You must further determine if the insight is partially covered (\"PARTIAL_COVERAGE\") or fully covered (\"FULL_COVERAGE\") by the bullet points. If the insight is not covered at all, you must return \"NO_COVERAGE\". See examples below:\n\n" +
        "Example Reference Insight 1: \"The doctor asks the patient about their medical history\".\n\n" +
        "Example Bullet Points 1:\n{\"bullets\": [\n" +
        "    {\"bullet_id\": 1, \"text\": \"The patient often mention that they are worried about medication side-effect[12][14].\"},\n" +
        "    {\"bullet_id\": 2, \"text\": \"The doctor and patient spend time going over symptoms [3][8], particularly the initial symptoms and the progression in the last few months[5].\"},\n" +
        "    {\"bullet_id\": 3, \"text\": \"The doctor and patient discuss medical history within the patient's family[1][5], with the patient often unaware that some of the conditions are hereditary[2].\"}\n]\n}\n\n" +
        "Example Output 1:\n{\"coverage\": \"FULL_COVERAGE\", \"bullet_id\": 3}\n\n" +
        "Example Reference Insight 2: \"The doctor asks the patient about their medical history\".\n\n" +
        "Example Bullet Points 2:\n{\"bullets\": [\n" +
        "    {\"bullet_id\": 1, \"text\": \"The patient often mention that they are worried about medication side-effect[12][14].\"},\n" +
        "    {\"bullet_id\": 2, \"text\": \"The doctor and patient spend time going over symptoms [3][8], particularly the initial symptoms and the progression in the last few months[5].\"}\n]\n}\n\n" +
        "Example Output 2:\n{\"coverage\": \"NO_COVERAGE\", \"bullet_id\": \"NA\"}\n\n" +
        "Example Reference Insight 3: \"The doctor asks the patient about their medical history\".\n\n" +
        "Example Bullet Points 3:\n{\"bullets\": [\n" +
        "    {\"bullet_id\": 1, \"text\": \"The patient often mention that they are worried about medication side-effect[12][14].\"},\n" +
        "    {\"bullet_id\": 2, \"text\": \"The doctor and patient catch up after a long time, with the patient mentioning feeling unwell for a while, and knowing of other family member's similar experiences[20].\"},\n" +
        "    {\"bullet_id\": 3, \"text\": \"The doctor and patient spend time going over symptoms [3][8], particularly the initial symptoms and the progression in the last few months[5].\"}\n]\n}\n\n" +
        "Example Output 3:\n{\"coverage\": \"PARTIAL_COVERAGE\", \"bullet_id\": 2}\n\n" +
        "Now complete the task for the following insight and bullet points:\n\n" +
        "Reference Insight:\n[[INSIGHT]]\n\nBullet Points:\n[[BULLETS]]\n\n\n" +
        "Requirements:\n- Do not hallucinate that the insight is covered by the bullet points if it is not.\n" +
        "- Your response should only be the JSON output in the format above, such that it can directly parsed by Python's json module. DO NOT OUTPUT ANY EXPLANATION OR ANYTHING THAT IS NOT THE JSON RESPONSE.\n";

    /// <summary>The judge's reply for one insight: the coverage label and the raw bullet_id value (null when unreadable).</summary>
    public sealed record Verdict(string? Coverage, JsonElement? BulletId, bool Parsed, string RawReply);

    public static string Prompt(string insight, IReadOnlyList<string> bullets) =>
        TemplateFill.Fill(Template, ("[[BULLETS]]", PythonJsonText.Bullets(bullets)), ("[[INSIGHT]]", insight));

    public async Task<Verdict> JudgeAsync(string insight, IReadOnlyList<string> bullets, CancellationToken cancellationToken = default)
    {
        var prompt = Prompt(insight, bullets);
        var verdict = new Verdict(null, null, false, "");
        for (int attempt = 0; attempt < Tries && !verdict.Parsed; attempt++)
        {
            var reply = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
            verdict = Parse(reply.Text ?? "");
        }
        return verdict;
    }

    /// <summary>Reads {"coverage": ..., "bullet_id": ...} from a reply, allowing a ```json fence around it.</summary>
    public static Verdict Parse(string reply)
    {
        var text = reply.Trim();
        int fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            int start = text.IndexOf('\n', fence);
            int end = start < 0 ? -1 : text.IndexOf("```", start, StringComparison.Ordinal);
            if (start >= 0 && end > start) text = text[(start + 1)..end].Trim();
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("coverage", out var coverage)) return new Verdict(null, null, false, reply);
            JsonElement? bullet = root.TryGetProperty("bullet_id", out var b) ? b.Clone() : null;
            return new Verdict(coverage.ValueKind == JsonValueKind.String ? coverage.GetString() : coverage.GetRawText(), bullet, true, reply);
        }
        catch (JsonException)
        {
            return new Verdict(null, null, false, reply);
        }
    }
}
