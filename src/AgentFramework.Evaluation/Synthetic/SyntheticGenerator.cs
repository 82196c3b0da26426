using System.Globalization;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// RULER-style synthetic cases sized to an exact token count with the model's counter:
/// <list type="bullet">
/// <item><c>niah</c>: one "special magic number" needle at the asked depth;</item>
/// <item><c>niah-multikey</c>: the needle plus three distractor needles with other keys;</item>
/// <item><c>niah-multivalue</c>: four values for one key, all to be returned;</item>
/// <item><c>niah-multiquery</c>: four keys asked at once;</item>
/// <item><c>variable-tracking</c>: a chain "VAR X = 1234567", "VAR Y = VAR X", ... asking for every variable with the value;</item>
/// <item><c>common-words</c>: a numbered word list where ten words occur 30 times and the rest 3 times.</item>
/// </list>
/// All are scored with RULER's string-match-all. The same (seed, dataset, length, index) always gives the same case.
/// The length N follows <paramref name="lengthDefinition"/>: by default RULER's (whole input plus generation budget,
/// see <see cref="RulerPrompt"/>), or the haystack only. The case records which, with N as measured.
/// </summary>
public sealed class SyntheticGenerator(ITokenCounter counter, IFillerSource filler, LengthDefinition lengthDefinition = LengthDefinition.Ruler)
{
    private const int MultiCount = 4;
    private const int CommonWordCount = 10, MaxCommonFrequency = 30, RareFrequency = 3;
    private readonly HaystackBuilder _builder = new(counter, filler);

    public ITokenCounter Counter { get; } = counter;

    public LengthDefinition LengthDefinition { get; } = lengthDefinition;

    /// <summary>
    /// <paramref name="casesPerLength"/> cases per length; needle depths spread evenly over [0, 1] across the cases of a
    /// length (one case sits in the middle).
    /// </summary>
    public IReadOnlyList<BenchmarkCase> GenerateSet(string dataset, IReadOnlyList<int> lengths, int casesPerLength, int seed)
    {
        var cases = new List<BenchmarkCase>();
        foreach (var length in lengths)
            for (int i = 0; i < casesPerLength; i++)
                cases.Add(Generate(dataset, length, seed, i, casesPerLength == 1 ? 0.5 : (double)i / (casesPerLength - 1)));
        return cases;
    }

    public BenchmarkCase Generate(string dataset, int targetTokens, int seed, int index, double depth)
    {
        if (depth is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(depth), "Depth is a fraction in [0, 1].");
        int caseSeed = StableSeed.Derive(seed, dataset.ToLowerInvariant(), targetTokens, index, depth);
        var random = new Random(caseSeed);
        string id = $"{dataset.ToLowerInvariant()}-{LengthBuckets.Label(targetTokens)}-{index}";
        return dataset.ToLowerInvariant() switch
        {
            SyntheticDatasets.Niah => SingleNeedle(id, dataset, targetTokens, caseSeed, random, depth, distractors: 0),
            SyntheticDatasets.NiahMultiKey => SingleNeedle(id, dataset, targetTokens, caseSeed, random, depth, distractors: MultiCount - 1),
            SyntheticDatasets.NiahMultiValue => MultiValue(id, dataset, targetTokens, caseSeed, random, depth),
            SyntheticDatasets.NiahMultiQuery => MultiQuery(id, dataset, targetTokens, caseSeed, random, depth),
            SyntheticDatasets.VariableTracking => VariableTracking(id, dataset, targetTokens, caseSeed, random),
            SyntheticDatasets.CommonWords => CommonWords(id, dataset, targetTokens, random),
            _ => throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {dataset}: not a synthetic dataset ({string.Join(", ", SyntheticDatasets.Names)})."),
        };
    }

    private static string NeedleText(string key, string value) => $"One of the special magic numbers for {key} is: {value}.";

    private BenchmarkCase SingleNeedle(string id, string dataset, int tokens, int seed, Random random, double depth, int distractors)
    {
        var keys = NeedleVocabulary.Keys(random, 1 + distractors);
        var values = NeedleVocabulary.Values(random, 1 + distractors);
        var needles = new List<Needle> { new(NeedleText(keys[0], values[0]), depth) };
        for (int i = 1; i <= distractors; i++) needles.Add(new Needle(NeedleText(keys[i], values[i]), random.NextDouble()));
        var question = $"What is the special magic number for {keys[0]} mentioned in the provided text?";
        return Build(id, dataset, tokens, seed, needles, question, [values[0]], depth);
    }

    private BenchmarkCase MultiValue(string id, string dataset, int tokens, int seed, Random random, double depth)
    {
        var key = NeedleVocabulary.Keys(random, 1)[0];
        var values = NeedleVocabulary.Values(random, MultiCount);
        var needles = values.Select((v, i) => new Needle(NeedleText(key, v), i == 0 ? depth : random.NextDouble())).ToList();
        var question = $"What are all the special magic numbers for {key} mentioned in the provided text?";
        return Build(id, dataset, tokens, seed, needles, question, values, depth);
    }

    private BenchmarkCase MultiQuery(string id, string dataset, int tokens, int seed, Random random, double depth)
    {
        var keys = NeedleVocabulary.Keys(random, MultiCount);
        var values = NeedleVocabulary.Values(random, MultiCount);
        var needles = keys.Select((k, i) => new Needle(NeedleText(k, values[i]), i == 0 ? depth : random.NextDouble())).ToList();
        var question = $"What are all the special magic numbers for {string.Join(", ", keys.Take(MultiCount - 1))} and {keys[^1]} mentioned in the provided text?";
        return Build(id, dataset, tokens, seed, needles, question, values, depth);
    }

    private BenchmarkCase VariableTracking(string id, string dataset, int tokens, int seed, Random random)
    {
        var names = NeedleVocabulary.VariableNames(random, MultiCount + 1);
        var value = NeedleVocabulary.Values(random, 1)[0];
        // Statements must appear in chain order, so their depths are sorted.
        var depths = Enumerable.Range(0, names.Count).Select(_ => random.NextDouble()).Order().ToList();
        var needles = names.Select((n, i) => new Needle(i == 0 ? $"VAR {n} = {value}." : $"VAR {n} = VAR {names[i - 1]}.", depths[i])).ToList();
        var question = $"Find all variables that are assigned the value {value} in the text above.";
        return Build(id, dataset, tokens, seed, needles, question, names, depths[0]);
    }

    private BenchmarkCase Build(string id, string dataset, int tokens, int seed, List<Needle> needles, string question, IReadOnlyList<string> gold, double depth)
    {
        var prompt = RulerPrompt.For(dataset, QueryOf(question));
        var (haystack, length) = SizeToDefinition(tokens, prompt, question, budget => _builder.Build(budget, needles, seed), h => h.Text, h => h.Tokens);
        var document = Document.FromText(haystack.Text, "haystack");
        var metadata = LengthMetadata(length, haystack.Tokens, prompt);
        metadata["depth"] = depth.ToString("0.###", CultureInfo.InvariantCulture);
        metadata["filler"] = haystack.Filler;
        metadata["needle_depths"] = string.Join(",", haystack.Needles.Select(n => n.MeasuredDepth.ToString("0.####", CultureInfo.InvariantCulture)));
        metadata["needle_offsets"] = string.Join(",", haystack.Needles.Select(n => n.Offset));
        return new BenchmarkCase(id, dataset.ToLowerInvariant(), TaskKind.QuestionAnswering, [document], question, gold,
            [StringMatchAll.MetricName], LengthBuckets.Label(tokens))
        {
            ContextTokens = haystack.Tokens,
            GoldSpans = haystack.Needles.Select(n => new GoldSpan("haystack", n.Offset, n.Offset + n.Text.Length)).ToList(),
            Metadata = metadata,
        };
    }

    // The key(s) RULER's answer prefix names: the text between "for " and " mentioned", else the value asked about.
    private static string QueryOf(string question)
    {
        int start = question.IndexOf(" for ", StringComparison.Ordinal), end = question.IndexOf(" mentioned", StringComparison.Ordinal);
        if (start >= 0 && end > start) return question[(start + 5)..end];
        int value = question.IndexOf("the value ", StringComparison.Ordinal);
        return value >= 0 ? question[(value + 10)..].Split(' ')[0] : "";
    }

    /// <summary>
    /// Builds a context whose N under <see cref="LengthDefinition"/> is <paramref name="tokens"/>: for RULER's definition the
    /// haystack budget is N minus the template, question and generation budget, re-measured on the rendered input and
    /// corrected until N is within 0.25%.
    /// </summary>
    private (T Context, int Length) SizeToDefinition<T>(int tokens, RulerPrompt prompt, string question, Func<int, T> build, Func<T, string> text, Func<T, int> haystackTokens)
    {
        if (LengthDefinition == LengthDefinition.HaystackOnly) { var only = build(tokens); return (only, haystackTokens(only)); }
        int Measure(T context) => Counter.CountTokens(prompt.Render(text(context), question)) + prompt.GenerationTokens;
        var probe = build(Math.Max(256, tokens / 2));
        int overhead = Measure(probe) - haystackTokens(probe);   // template, question and generation budget
        int budget = tokens - overhead;
        if (budget < 64) throw new InvalidOptionException("SyntheticGenerator.Lengths", $"SyntheticGenerator.Lengths {tokens}: too short for RULER's template, question and {prompt.GenerationTokens} generation tokens; use a larger length or SyntheticGenerator.LengthDefinition haystack.");
        (T Context, int Length) best = default;
        int tolerance = Math.Max(1, tokens / 400);
        for (int attempt = 0; attempt < 4; attempt++)
        {
            var context = build(budget);
            int length = Measure(context);
            if (attempt == 0 || Math.Abs(length - tokens) < Math.Abs(best.Length - tokens)) best = (context, length);
            if (Math.Abs(length - tokens) <= tolerance) break;
            budget += tokens - length;
        }
        return best;
    }

    private Dictionary<string, string> LengthMetadata(int length, int haystackTokens, RulerPrompt prompt) => new()
    {
        ["tokenizer"] = Counter.Name,
        ["length_definition"] = LengthDefinitions.Name(LengthDefinition),
        ["length_tokens"] = length.ToString(CultureInfo.InvariantCulture),
        ["haystack_tokens"] = haystackTokens.ToString(CultureInfo.InvariantCulture),
        ["generation_tokens"] = (LengthDefinition == LengthDefinition.Ruler ? prompt.GenerationTokens : 0).ToString(CultureInfo.InvariantCulture),
    };

    private BenchmarkCase CommonWords(string id, string dataset, int tokens, Random random)
    {
        var common = NeedleVocabulary.Words(random, CommonWordCount);
        int listSeed = random.Next();
        // RULER repeats common words 30 times; short contexts cannot hold 300 entries, so the common words get at most
        // half of the roughly tokens/5 list entries (and always more repeats than rare words).
        int commonFrequency = Math.Clamp(tokens / 5 / 2 / CommonWordCount, RareFrequency + 1, MaxCommonFrequency);
        var question = $"What are the {CommonWordCount} most common words in the above list?";
        var prompt = RulerPrompt.For(dataset, "");
        var ((list, listTokens), length) = SizeToDefinition(tokens, prompt, question,
            budget => WordListOfLength(common, commonFrequency, listSeed, budget), l => l.Text, l => l.Tokens);
        var metadata = LengthMetadata(length, listTokens, prompt);
        metadata["filler"] = "word-list";
        metadata["common_frequency"] = commonFrequency.ToString(CultureInfo.InvariantCulture);
        return new BenchmarkCase(id, dataset.ToLowerInvariant(), TaskKind.QuestionAnswering, [Document.FromText(list, "word-list")], question,
            common, [StringMatchAll.MetricName], LengthBuckets.Label(tokens))
        {
            ContextTokens = listTokens,
            Metadata = metadata,
        };
    }

    // More rare words make a longer list; the count whose list is closest to the budget.
    private (string Text, int Tokens) WordListOfLength(IReadOnlyList<string> common, int commonFrequency, int listSeed, int tokens)
    {
        int low = 0, high = tokens / 6 + 16;
        string best = ""; int bestTokens = 0;
        var rarePool = NeedleVocabulary.Words(new Random(listSeed), high + CommonWordCount)
            .Where(w => !common.Contains(w)).Take(high).ToList();
        while (low <= high)
        {
            int rare = (low + high) / 2;
            var text = WordList(common, commonFrequency, rarePool.Take(rare).ToList(), listSeed);
            int count = Counter.CountTokens(text);
            if (Math.Abs(count - tokens) < Math.Abs(bestTokens - tokens) || best.Length == 0) { best = text; bestTokens = count; }
            if (count < tokens) low = rare + 1; else if (count > tokens) high = rare - 1; else break;
        }
        return (best, bestTokens);
    }

    private static string WordList(IReadOnlyList<string> common, int commonFrequency, IReadOnlyList<string> rare, int seed)
    {
        var words = new List<string>(common.Count * commonFrequency + rare.Count * RareFrequency);
        foreach (var w in common) for (int i = 0; i < commonFrequency; i++) words.Add(w);
        foreach (var w in rare) for (int i = 0; i < RareFrequency; i++) words.Add(w);
        var random = new Random(seed);
        for (int i = words.Count - 1; i > 0; i--) { int j = random.Next(i + 1); (words[i], words[j]) = (words[j], words[i]); }
        return string.Join('\n', words.Select((w, i) => $"{i + 1}. {w}"));
    }
}
