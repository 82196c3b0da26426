using Microsoft.Data.Sqlite;

namespace AgentFramework.Tests.Retrieval;

/// <summary>Raw SQL against a store file, on a connection of its own (not the index's): what another process would see.</summary>
internal static class SqliteFile
{
    /// <summary>Runs <paramref name="sql"/> (every statement in it) and returns the first column of the first row, if any.</summary>
    public static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
