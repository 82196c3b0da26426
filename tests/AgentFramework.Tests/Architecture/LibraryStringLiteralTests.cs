using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Tests.Architecture;

/// <summary>
/// The libraries speak in their own terms (option types and members); only the CLI knows its flags. This reads every
/// string literal compiled into each library assembly (the metadata's user-string heap, which holds every C# string
/// literal and every literal piece of an interpolated string) and fails on anything shaped like a flag.
/// </summary>
public sealed class LibraryStringLiteralTests
{
    private static readonly Regex Flag = new(@"(?<![\w-])--[a-z]", RegexOptions.CultureInvariant);

    /// <summary>Literals that look like a flag but are not agentfw's. Keep short; each says why.</summary>
    private static readonly IReadOnlyDictionary<string, string> Allowed = new Dictionary<string, string>(StringComparer.Ordinal);

    public static TheoryData<string> LibraryAssemblies() =>
    [
        typeof(AgentFramework.Documents.Document).Assembly.Location,                                // AgentFramework.Core
        typeof(AgentFramework.Documents.DocumentLoader).Assembly.Location,   // document readers
        typeof(AgentFramework.Onnx.OnnxModel).Assembly.Location,
        typeof(AgentFramework.Models.EndpointChatClientFactory).Assembly.Location, // AgentFramework.Endpoints
        typeof(AgentFramework.Retrieval.IChunkIndex).Assembly.Location,
        typeof(AgentFramework.Plugins.Prompts.PromptLibrary).Assembly.Location,
        typeof(AgentFramework.Agents.DocumentAgent).Assembly.Location,
        typeof(AgentFramework.Evaluation.Datasets.DatasetCatalog).Assembly.Location,
    ];

    [Theory]
    [MemberData(nameof(LibraryAssemblies))]
    public void No_library_string_literal_names_a_command_line_flag(string assemblyPath)
    {
        var offending = UserStrings(assemblyPath).Where(s => Flag.IsMatch(s) && !Allowed.ContainsKey(s)).Distinct().ToList();
        Assert.True(offending.Count == 0,
            $"{Path.GetFileName(assemblyPath)} names CLI flags in {offending.Count} literal(s); name the library option (Type.Member) " +
            $"and map it in {nameof(LibraryOptionFlags)} instead:\n  " + string.Join("\n  ", offending));
    }

    [Fact]
    public void The_scan_sees_flags_where_there_are_some()
    {
        // The CLI is allowed flags and has many: a scan that found none there would be scanning nothing.
        Assert.Contains(UserStrings(typeof(LibraryOptionFlags).Assembly.Location), s => Flag.IsMatch(s));
    }

    [Fact]
    public void The_cli_turns_library_option_names_back_into_its_flags()
    {
        Assert.Equal("lower --unit-tokens or use a model with a longer context",
            LibraryOptionFlags.Translate("lower ChainOfAgentsOptions.UnitTokens or use a model with a longer context"));
        Assert.Equal("needs a model: pass --model DIR or --endpoint URL, or use --pipeline extractive",
            LibraryOptionFlags.Translate("needs a model: pass a model (IChatClient), or use PipelineNames extractive"));
        // Only whole names: a longer identifier that starts with one is left alone.
        Assert.Equal("PipelineNamesX.Name and XChainOfAgentsOptions.UnitTokens",
            LibraryOptionFlags.Translate("PipelineNamesX.Name and XChainOfAgentsOptions.UnitTokens"));
        Assert.Equal("--store", LibraryOptionFlags.FlagFor("ChunkIndexProviders.Location"));
        Assert.Equal("/tmp/book.txt", LibraryOptionFlags.FlagFor("/tmp/book.txt"));
    }

    private static IEnumerable<string> UserStrings(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var strings = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        for (; !handle.IsNil; handle = reader.GetNextHandle(handle))
            strings.Add(reader.GetUserString(handle));
        return strings;
    }
}
