using AgentFramework.Agents.Text;
using AgentFramework.Models;
using AgentFramework.Agents.Execution;
using AgentFramework.Tracing;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>What the writer of one section is given besides the section itself.</summary>
public sealed record SectionContext(string Instruction, string Plan, string Summary, string PreviousEnding, SectionEvidence? Evidence);

/// <summary>
/// Writes one section and corrects its length: measure it in LongBench-Write words, continue it while it is under
/// <see cref="PlanThenWriteOptions.ContinueBelow"/> of its target (up to the round limit, stopping early when a round
/// adds nothing, as the same greedy request would add nothing again), and shorten it once if it is over
/// <see cref="PlanThenWriteOptions.ShortenAbove"/> (keeping the shorter text only if it is closer to the target).
/// Every round goes into the trace.
/// </summary>
/// <param name="trace">The run's trace, which receives every round (null: rounds go to the callback only).</param>
public sealed class SectionWriter(PromptCaller caller, ModelProfile profile, PlanThenWriteOptions options, PipelineTrace? trace = null)
{
    private const string Prompts = "PlanThenWrite";
    private const string StagePrefix = "plan-then-write";

    public async Task<(string Text, IReadOnlyList<WritingRound> Rounds)> WriteAsync(PlannedSection section, SectionContext context,
        Action<WritingRound>? onRound, CancellationToken cancellationToken)
    {
        var rounds = new List<WritingRound>();
        void Record(WritingRound round)
        {
            rounds.Add(round);
            trace?.AddArtifact(new TraceArtifact($"{StagePrefix}/round", $"section {round.Section} round {round.Round}",
                $"{round.Kind.ToString().ToLowerInvariant()}: {round.WordsBefore} -> {round.WordsAfter} words (target {round.TargetWords}, " +
                $"limit {round.OutputTokenLimit} tokens){(round.Accepted ? "" : ", not kept")}"));
            trace?.Increment($"plan_then_write.rounds.{round.Kind.ToString().ToLowerInvariant()}");
            onRound?.Invoke(round);
        }

        bool grounded = context.Evidence is { Citations.Count: > 0 };
        var function = grounded ? "WriteGrounded" : "Write";
        var variables = SectionFields(section);
        variables["instruction"] = context.Instruction;
        variables["plan"] = context.Plan;
        variables["summary"] = context.Summary;
        variables["previous"] = context.PreviousEnding;
        if (grounded) variables["evidence"] = context.Evidence!.Prompt;
        int limit = await OutputLimitAsync(function, variables, section.TargetWords, cancellationToken).ConfigureAwait(false);
        string text;
            text = Clean(await caller.InvokeAsync(Prompts, function, $"{StagePrefix}/write", variables, limit, cancellationToken).ConfigureAwait(false));
        int words = WordCounter.Count(text);
        Record(new WritingRound(section.Number, 1, RoundKind.Write, 0, words, section.TargetWords, limit, words > 0));

        for (int continuation = 1; words < options.ContinueBelow * section.TargetWords && continuation <= options.MaxContinuationRounds; continuation++)
        {
            int before = words;
            (text, limit) = await ContinueOnceAsync(section, context, text, section.TargetWords - words, cancellationToken).ConfigureAwait(false);
            words = WordCounter.Count(text);
            Record(new WritingRound(section.Number, 1 + continuation, RoundKind.Continue, before, words, section.TargetWords, limit, words > before));
            if (words <= before) break;
        }

        for (int shorten = 1; words > options.ShortenAbove * section.TargetWords && shorten <= options.MaxShortenRounds; shorten++)
        {
            var shortenVariables = new Dictionary<string, string>
            {
                ["instruction"] = context.Instruction,
                ["title"] = section.Title,
                ["main_point"] = section.MainPoint,
                ["text"] = TokenBudget.KeepStart(profile.TokenCounter, text, Math.Max(64, profile.ContextLength / 2 - 64)),
                ["target"] = section.TargetWords.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            limit = await OutputLimitAsync("Shorten", shortenVariables, section.TargetWords, cancellationToken).ConfigureAwait(false);
            var shorter = Clean(await caller.InvokeAsync(Prompts, "Shorten", $"{StagePrefix}/shorten", shortenVariables, limit, cancellationToken).ConfigureAwait(false));
            int shorterWords = WordCounter.Count(shorter);
            bool closer = shorterWords > 0 && Math.Abs(shorterWords - section.TargetWords) < Math.Abs(words - section.TargetWords);
            int before = words;
            if (closer) { text = shorter; words = shorterWords; }
            Record(new WritingRound(section.Number, rounds.Count + 1, RoundKind.Shorten, before, words, section.TargetWords, limit, closer));
            if (!closer) break;
        }
        return (text, rounds);
    }

    /// <summary>The writer prompt's values that come from the section itself (not cut to a budget): number, title, main point, target.</summary>
    public static Dictionary<string, string> SectionFields(PlannedSection section) => new(StringComparer.Ordinal)
    {
        ["number"] = section.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["title"] = section.Title,
        ["main_point"] = section.MainPoint,
        ["target"] = section.TargetWords.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// One continuation call that asks for <paramref name="wordsWanted"/> more words after <paramref name="text"/>: used
    /// by the section's own loop and by the pipeline's whole-document length control.
    /// </summary>
    public async Task<(string Text, int OutputLimit)> ContinueOnceAsync(PlannedSection section, SectionContext context, string text, int wordsWanted,
        CancellationToken cancellationToken)
    {
        var tail = TokenBudget.KeepEnd(profile.TokenCounter, text, Math.Max(32, Math.Min(options.RollingContextTokens, profile.ContextLength / 4)));
        var continueVariables = new Dictionary<string, string>
        {
            ["instruction"] = context.Instruction,
            ["title"] = section.Title,
            ["main_point"] = section.MainPoint,
            ["text"] = tail.Length > 0 ? tail : "(nothing yet)",
            ["remaining"] = wordsWanted.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        int limit = await OutputLimitAsync("Continue", continueVariables, wordsWanted, cancellationToken).ConfigureAwait(false);
        var added = Clean(await caller.InvokeAsync(Prompts, "Continue", $"{StagePrefix}/continue", continueVariables, limit, cancellationToken).ConfigureAwait(false));
        return (added.Length > 0 ? Join(text, added) : text, limit);
    }

    /// <summary>Output tokens for a call that should write <paramref name="words"/> words, within what the context leaves.</summary>
    /// <remarks>The prompt is measured as it will be sent (messages and chat-template scaffolding), so the limit is exact.</remarks>
    private async Task<int> OutputLimitAsync(string function, IReadOnlyDictionary<string, string> variables, int words, CancellationToken cancellationToken)
    {
        int prompt = profile.PromptCounter.CountPromptTokens(await caller.RenderMessagesAsync(Prompts, function, variables, cancellationToken).ConfigureAwait(false));
        int room = profile.ContextLength - prompt;
        if (room < 1)
            throw new PromptBudgetException($"{StagePrefix}/{function.ToLowerInvariant()}", prompt, 1, profile.ContextLength, profile.PromptCounter.Name);
        int wanted = (int)Math.Ceiling(words * options.TokensPerWord) + 16;
        return Math.Max(1, Math.Min(Math.Min(wanted, options.MaxOutputTokensPerCall), room));
    }

    private static string Clean(string text) => text.Trim();

    private static string Join(string text, string added) =>
        text.Length == 0 ? added : text.TrimEnd() + (added.StartsWith('\n') ? "\n\n" : " ") + added.Trim();
}
