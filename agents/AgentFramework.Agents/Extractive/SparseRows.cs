using AgentFramework.Retrieval.Embeddings;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// Embeddings as compressed sparse rows (each row's non-zero columns and values). The hashing embedding of a sentence
/// fills a few dozen of its 384 dimensions, so TextRank's two products per iteration touch a tenth of the entries a
/// dense pass would. Plain scalar loops: ReadyToRun precompiles them, where the 512-bit vector paths of a dense pass are
/// compiled at start-up on machines that have them (issue 15).
/// </summary>
internal sealed class SparseRows
{
    private readonly int[] _rowStart;
    private readonly int[] _column;
    private readonly double[] _value;

    private SparseRows(int columns, int[] rowStart, int[] column, double[] value, bool anyNegative)
    {
        Columns = columns;
        _rowStart = rowStart;
        _column = column;
        _value = value;
        AnyNegative = anyNegative;
    }

    public int Rows => _rowStart.Length - 1;

    public int Columns { get; }

    /// <summary>True when some entry is below zero (signed embeddings).</summary>
    public bool AnyNegative { get; }

    /// <summary>
    /// The rows as sparse, or null when more than <paramref name="maxDensity"/> of the entries are non-zero (a dense
    /// neural embedding), where a dense pass is cheaper. All rows must have the same length.
    /// </summary>
    public static SparseRows? TryCreate(IReadOnlyList<ReadOnlyMemory<float>> rows, double maxDensity)
    {
        int columns = rows[0].Length;
        long limit = (long)(maxDensity * columns * rows.Count);
        var rowStart = new int[rows.Count + 1];
        var column = new int[Math.Max(64, Math.Min(limit, (long)rows.Count * 32) + columns)];
        var value = new double[column.Length];
        bool anyNegative = false;
        int at = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i].Span;
            if (row.Length != columns) throw new ArgumentException($"embeddings differ in length ({row.Length} and {columns})", nameof(rows));
            if (at + columns > column.Length)
            {
                Array.Resize(ref column, Math.Max(column.Length * 2, at + columns));
                Array.Resize(ref value, column.Length);
            }
            // Every entry is written and the cursor moves past the non-zero ones: no branch to mispredict on a zero.
            for (int j = 0; j < row.Length; j++)
            {
                float x = row[j];
                column[at] = j;
                value[at] = x;
                at += x != 0 ? 1 : 0;
                anyNegative |= x < 0;
            }
            rowStart[i + 1] = at;
            if (at > limit) return null;
        }
        return new SparseRows(columns, rowStart, column, value, anyNegative);
    }

    /// <summary>Rows given as sparse embeddings (all of one length), their values widened to double.</summary>
    public static SparseRows FromSparse(IReadOnlyList<SparseEmbedding> rows)
    {
        int columns = rows[0].Dimensions, entries = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Dimensions != columns) throw new ArgumentException($"embeddings differ in length ({rows[i].Dimensions} and {columns})", nameof(rows));
            entries += rows[i].Indices.Length;
        }
        var rowStart = new int[rows.Count + 1];
        var column = new int[entries];
        var value = new double[entries];
        bool anyNegative = false;
        int at = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var indices = rows[i].Indices;
            var values = rows[i].Values;
            for (int k = 0; k < indices.Length; k++, at++)
            {
                column[at] = indices[k];
                value[at] = values[k];
                anyNegative |= values[k] < 0;
            }
            rowStart[i + 1] = at;
        }
        return new SparseRows(columns, rowStart, column, value, anyNegative);
    }

    /// <summary>The squared length of row <paramref name="i"/>.</summary>
    public double SquaredNorm(int i)
    {
        double sum = 0;
        for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) sum += _value[k] * _value[k];
        return sum;
    }

    /// <summary>Eᵀ·x into <paramref name="projection"/> (length <see cref="Columns"/>, overwritten).</summary>
    public void TransposeMultiply(double[] x, double[] projection)
    {
        Array.Clear(projection);
        for (int i = 0; i < x.Length; i++)
        {
            double weight = x[i];
            if (weight == 0) continue;
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) projection[_column[k]] += weight * _value[k];
        }
    }

    /// <summary>The dot product of row <paramref name="i"/> with a dense vector.</summary>
    public double Dot(int i, double[] dense)
    {
        double sum = 0;
        for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) sum += _value[k] * dense[_column[k]];
        return sum;
    }
}
