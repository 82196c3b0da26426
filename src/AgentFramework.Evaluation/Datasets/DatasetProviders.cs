using AgentFramework.Registration;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// The registered benchmarks' datasets (<see cref="IDatasetProvider"/>), asked newest first: a name or path goes to the
/// first provider that matches it. Built in: L-Eval, LaRA, Summary of a Haystack, LongBench-Write and LongBench files.
/// A DI container has its own registry (<see cref="EvaluationServiceCollectionExtensions.AddDatasetProvider{TProvider}"/>);
/// code without one (the CLI) uses <see cref="Default"/>.
/// </summary>
public sealed class DatasetProviders
{
    private readonly RegistrationList<IDatasetProvider> _providers;

    public DatasetProviders(IEnumerable<IDatasetProvider> providers) => _providers = new(providers);

    /// <summary>The registry of callers without a DI container: the built-in benchmarks plus whatever is registered on it.</summary>
    public static DatasetProviders Default { get; } = new(BuiltIn());

    /// <summary>New instances of the built-in providers, in registration order.</summary>
    public static IReadOnlyList<IDatasetProvider> BuiltIn() =>
    [
        new LEvalDatasetProvider(),
        new LaraDatasetProvider(),
        new SummHayDatasetProvider(),
        new LongBenchWriteDatasetProvider(),
        new LongBenchDatasetProvider(),
        new LongBenchV2DatasetProvider(),
    ];

    /// <summary>The providers in registration order.</summary>
    public IReadOnlyList<IDatasetProvider> Providers => _providers.Items;

    /// <summary>Adds a provider; it is asked before every provider registered earlier.</summary>
    public DatasetProviders Register(IDatasetProvider provider)
    {
        _providers.Add(provider);
        return this;
    }

    /// <summary>The provider whose datasets include <paramref name="name"/>, or null.</summary>
    public IDatasetProvider? ForName(string name) => _providers.Newest(p => p.Matches(name));

    /// <summary>The provider that recognises the file or folder at <paramref name="path"/>, or null.</summary>
    public IDatasetProvider? ForPath(string path) => _providers.Newest(p => p.Recognizes(path));

    /// <summary>How the named datasets are written, for messages ("leval:&lt;task&gt;, lara:32k, …").</summary>
    public IReadOnlyList<string> NameSyntaxes => [.. _providers.Items.Select(p => p.NameSyntax).Where(s => s.Length > 0)];
}
