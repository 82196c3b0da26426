using System.Text.RegularExpressions;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The library names the option at fault in its own terms (<c>ChainOfAgentsOptions.UnitTokens</c>, in
/// <see cref="Errors.UserInputException.Target"/> and in messages); agentfw speaks to its users in flags. This maps
/// each library name to the flag that sets it, so errors, warnings and notices printed by the CLI name the flag to
/// change, as they did when the library spoke the CLI's language.
/// </summary>
public static class LibraryOptionFlags
{
    /// <summary>Library name (type.member, or a phrase the library uses for a value it needs) → agentfw's spelling.</summary>
    public static IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Reading pipelines
        ["ChainOfAgentsOptions.UnitTokens"] = "--unit-tokens",
        ["ChainOfAgentsOptions.AnswerTokens"] = "--max-output-tokens",
        ["FullContextOptions.AnswerTokens"] = "--max-output-tokens",
        ["RetrieveThenReasonOptions.AnswerTokens"] = "--max-output-tokens",
        ["PipelineRunOptions.SummaryWords"] = "--words",
        ["PipelineNames"] = "--pipeline",
        ["PipelineRequest.Question"] = "--question",
        ["PipelineTrace"] = "--trace",
        ["a model (IChatClient)"] = "--model DIR or --endpoint URL",
        ["AgentFrameworkOptions.PromptsDirectory"] = "--prompts",
        ["ChunkingOptions.MaxTokens"] = "--max-tokens",
        // Writing
        ["WritingRequest.Instruction"] = "one as text or with --instruction-file",
        ["WritingRequest.Words"] = "--words",
        // Documents
        ["(DocumentLoaderOptions.MaxFileBytes)"] = "(agentfw: --max-file-mb)",
        ["DocumentLoaderOptions.MaxFileBytes"] = "--max-file-mb",
        ["DocumentLoaderOptions.MaxDecompressedBytes"] = "--max-decompressed-mb",
        ["DocumentLoaderOptions.MaxCharacters"] = "--max-chars",
        ["DocumentLoaderOptions.MaxNestingDepth"] = "--max-nesting",
        ["DocumentLoaderOptions.MaxParseTime"] = "--max-parse-seconds",
        // Models
        ["EndpointOptions.BaseUrl"] = "--endpoint",
        ["EndpointOptions.ModelId"] = "--model-id",
        ["EndpointBudgets.Discover(contextLength)"] = "--context-length",
        ["ModelPipelineOptions.Cache = null"] = "--no-cache",
        ["SqliteCallCache.Path"] = "--cache",
        ["OnnxModel.Load(folder)"] = "--model",
        ["OnnxModelOptions.Runtime"] = "--runtime",
        ["OnnxModelOptions.Device"] = "--device",
        ["OnnxModelOptions.ChatTemplate"] = "--chat-template",
        ["GenerationRequest.MaxNewTokens"] = "--max-tokens",
        // Stores
        ["ChunkIndexProviders.Location"] = "--store",
        ["IChunkIndex.EmbeddingModel"] = "--embedding-model",
        ["Ingestor.IngestAsync"] = "'agentfw ingest FILE --store LOCATION'",
        // Benchmarks
        ["BenchmarkCase.Dataset"] = "--dataset",
        ["DatasetCatalog.DataDir"] = "--data-dir",
        ["BenchmarkRunOptions.Concurrency"] = "--concurrency",
        ["AgentPipelineHost.Pipelines"] = "--pipelines",
        ["CaseSelection.Limit"] = "--limit",
        ["ResultsJournal.Folder"] = "--out",
        ["MetricRegistry.Get(name)"] = "--metrics",
        ["a judge (MetricRegistry.Judge)"] = "--judge-model DIR or --judge-endpoint URL",
        ["a judge model (MetricRegistry.Judge)"] = "--judge-model",
        ["MetricRegistry.Judge"] = "--judge-model",
        ["SyntheticGenerator.Lengths"] = "--lengths",
        ["SyntheticGenerator.LengthDefinition"] = "--length-definition",
        ["LongBenchPredictions.LengthSplit"] = "--e",
    };

    // Longest name first, so "a model (IChatClient)" wins over "IChatClient"; a name is matched only whole (not
    // "PipelineNamesX" for "PipelineNames").
    private static readonly Regex Names = new(
        string.Join("|", Flags.Keys.OrderByDescending(k => k.Length).Select(k => $@"(?<![\w.]){Regex.Escape(k)}(?![\w])")),
        RegexOptions.CultureInvariant);

    /// <summary>The flag for a library option name (an exception's target); the name itself when it is not an option (a path).</summary>
    public static string FlagFor(string target) => Flags.TryGetValue(target, out var flag) ? flag : target;

    /// <summary>The message with every library option name replaced by agentfw's flag for it.</summary>
    public static string Translate(string message) => Names.Replace(message, m => Flags[m.Value]);
}
