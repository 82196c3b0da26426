using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.Evaluation.Metrics;
using Microsoft.Extensions.AI;

namespace AgentFramework.Evaluation.Judging;

/// <summary>
/// LongWriter's quality judge (S_q), ported from THUDM/LongWriter @ ca6ccd4 evaluation/eval_quality.py and judge.txt:
/// one user message (judge.txt with the instruction and the response filled in), temperature 0.5, at most 1024 output
/// tokens; the reply is read as JSON with the six dimensions scored 1–5. Retries as the official loop does: up to
/// <see cref="ParseBudget"/> units of budget per sample, where a reply that is not JSON costs 1 and a reply missing a
/// dimension costs 2 (1 when the missing one is the last dimension, because the official loop then stops checking);
/// each call itself is retried up to <see cref="CallTries"/> times on transport errors. A sample whose replies never
/// parse is skipped, as eval_quality.py skips it (it is not written to judge.jsonl and so not averaged).
/// One difference: a dimension value that float() cannot read (null, a list) makes eval_quality.py crash in its final
/// average; here that reply counts as unreadable (cost 1) and is retried.
/// </summary>
public sealed partial class LongWriterQualityJudge(IChatClient client, string modelName)
{
    public static IReadOnlyList<string> Dimensions { get; } = ["Relevance", "Accuracy", "Coherence", "Clarity", "Breadth and Depth", "Reading Experience"];

    public const int ParseBudget = 5;
    public const int CallTries = 10;

    /// <summary>What get_response_gpt4 returns after its last failed try; it never parses.</summary>
    public const string FailedCallReply = "Max tries. Failed.";

    public string ModelName { get; } = modelName;

    // judge.txt (THUDM/LongWriter @ ca6ccd4): the official judge prompt, so S_q is comparable with the paper's.
    internal const string Template =
        "You are an expert in evaluating text quality. Please evaluate the quality of an AI assistant's response to a user's writing request. Be as strict as possible.\n\n" +
        "You need to evaluate across the following six dimensions, with scores ranging from 1 to 5. The scoring criteria from 5 to 1 for each dimension are as follows:\n\n" +
        "1. Relevance: From content highly relevant and fully applicable to the user's request to completely irrelevant or inapplicable.\n\n" +
        "2. Accuracy: From content completely accurate with no factual errors or misleading information to content with numerous errors and highly misleading.\n\n" +
        "3. Coherence: From clear structure with smooth logical connections to disorganized structure with no coherence.\n\n" +
        "4. Clarity: From clear language, rich in detail, and easy to understand to confusing expression with minimal details.\n\n" +
        "5. Breadth and Depth: From both broad and deep content with a lot of information to seriously lacking breadth and depth with minimal information.\n\n" +
        "6. Reading Experience: From excellent reading experience, engaging and easy to understand content to very poor reading experience, boring and hard to understand content.\n\n" +
        "Please evaluate the quality of the following response to a user's request according to the above requirements.\n\n" +
        "<User Request>\n\n$INST$\n\n</User Request>\n\n<Response>\n\n$RESPONSE$\n\n</Response>\n\n" +
        "Please evaluate the quality of the response. You must first provide a brief analysis of its quality, then give a comprehensive analysis with scores for each dimension. " +
        "The output must strictly follow the JSON format: {\"Analysis\": ..., \"Relevance\": ..., \"Accuracy\": ..., \"Coherence\": ..., \"Clarity\": ..., \"Breadth and Depth\": ..., \"Reading Experience\": ...}. " +
        "You do not need to consider whether the response meets the user's length requirements in your evaluation. Ensure that only one integer between 1 and 5 is output for each dimension score.";

    /// <summary>The judge's decision on one sample: the six dimension scores (null when skipped), calls made, and the last reply.</summary>
    public sealed record Verdict(IReadOnlyDictionary<string, double>? Scores, int Calls, string LastReply)
    {
        /// <summary>The sample's share of S_q on 0–1: (mean of the six 1–5 scores − 1) / 4. eval_quality.py's
        /// per-dimension ((mean − 1) · 25) averaged over dimensions is the mean of this over samples, times 100.</summary>
        public double? Quality => Scores is null ? null : (Dimensions.Average(d => Scores[d]) - 1) / 4;
    }

    public static string Prompt(string instruction, string response) =>
        TemplateFill.Fill(Template, ("$INST$", instruction), ("$RESPONSE$", response));

    public async Task<Verdict> JudgeAsync(string instruction, string response, CancellationToken cancellationToken = default)
    {
        var prompt = Prompt(instruction, response);
        int spent = 0, calls = 0;
        string reply = "";
        while (spent < ParseBudget)
        {
            (reply, int made) = await CallAsync(prompt, cancellationToken).ConfigureAwait(false);
            calls += made;
            var (scores, cost) = Parse(reply);
            if (scores is not null) return new Verdict(scores, calls, reply);
            spent += cost;
        }
        return new Verdict(null, calls, reply);
    }

    private async Task<(string Reply, int Calls)> CallAsync(string prompt, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { Temperature = 0.5f, MaxOutputTokens = 1024 };
        for (int attempt = 1; attempt <= CallTries; attempt++)
        {
            try
            {
                var reply = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
                return (reply.Text ?? "", attempt);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt == CallTries) return (FailedCallReply, attempt);
            }
        }
        return (FailedCallReply, CallTries);
    }

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonFence();

    /// <summary>
    /// One reply as eval_quality.py reads it: the first ```json fenced block when the reply has "```json", newlines
    /// removed, json.loads, every dimension present and readable by float(). Returns the scores, or null and what the
    /// failure costs of the retry budget.
    /// </summary>
    public static (IReadOnlyDictionary<string, double>? Scores, int Cost) Parse(string reply)
    {
        string? text = reply;
        if (text.Contains("```json", StringComparison.Ordinal))
        {
            var fence = JsonFence().Match(text);
            text = fence.Success ? fence.Groups[1].Value : null; // extract_info returns None; None.replace raises
        }
        if (text is null) return (null, 1);
        JsonDocument json;
        try { json = JsonDocument.Parse(text.Replace("\n", "", StringComparison.Ordinal)); }
        catch (JsonException) { return (null, 1); }
        using (json)
        {
            var root = json.RootElement;
            for (int i = 0; i < Dimensions.Count; i++)
            {
                bool? present = Contains(root, Dimensions[i]);
                if (present is null) return (null, 1); // "in" on a number, bool or null raises TypeError
                if (present == false) return (null, i == Dimensions.Count - 1 ? 1 : 2); // scores = None, then "in None" raises
            }
            if (root.ValueKind != JsonValueKind.Object) return (null, 1); // a list or string holding the names: score[dim] raises later
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var dimension in Dimensions)
            {
                var value = root.EnumerateObject().Last(p => p.Name == dimension).Value; // json.loads keeps the last duplicate
                double? number = value.ValueKind switch
                {
                    JsonValueKind.Number => value.GetDouble(),
                    JsonValueKind.String => PythonFloat.Parse(value.GetString()!),
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    _ => null,
                };
                if (number is null) return (null, 1);
                scores[dimension] = number.Value;
            }
            return (scores, 0);
        }
    }

    // Python's `dim in scores` for what json.loads can return: dict keys, list items, substring of a str, else TypeError (null).
    private static bool? Contains(JsonElement root, string dimension) => root.ValueKind switch
    {
        JsonValueKind.Object => root.EnumerateObject().Any(p => p.Name == dimension),
        JsonValueKind.Array => root.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == dimension),
        JsonValueKind.String => root.GetString()!.Contains(dimension, StringComparison.Ordinal),
        _ => null,
    };
}
