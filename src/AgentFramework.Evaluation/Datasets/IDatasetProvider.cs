using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// One benchmark's datasets: the names it answers to (<c>leval:&lt;task&gt;</c>), how it finds them under the data folder,
/// and, optionally, the file format it recognises when a path is given instead of a name. Registered on
/// <see cref="DatasetProviders"/> (or with <see cref="EvaluationServiceCollectionExtensions.AddDatasetProvider{TProvider}"/>);
/// a new benchmark is one provider class plus one registration.
/// </summary>
public interface IDatasetProvider
{
    /// <summary>The benchmark's name as <c>bench list</c> shows it ("L-Eval").</summary>
    string Family { get; }

    /// <summary>The names it answers to, for the unknown-dataset message ("leval:&lt;task&gt;"); empty when only paths load.</summary>
    string NameSyntax { get; }

    /// <summary>Whether <paramref name="name"/> is one of its datasets (by the name only: nothing is read).</summary>
    bool Matches(string name);

    /// <summary>The cases of the named dataset; a user error naming the dataset or data folder when they are not there.</summary>
    IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context);

    /// <summary>Its datasets found under <see cref="DatasetContext.DataDir"/> with their case counts (cheap: contexts are not tokenised).</summary>
    IEnumerable<DatasetInfo> List(DatasetContext context);

    /// <summary>Whether the file or folder at <paramref name="path"/> is in this benchmark's format (by its shape, not its name).</summary>
    bool Recognizes(string path) => false;

    /// <summary>The cases of a file or folder it <see cref="Recognizes"/>, named <paramref name="dataset"/>.</summary>
    IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) =>
        throw new NotSupportedException($"{Family} datasets are loaded by name, not by path");
}
