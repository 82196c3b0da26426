using AgentFramework.Errors;
using Npgsql;

namespace AgentFramework.Retrieval.Stores;

/// <summary>Recognises and normalises PostgreSQL store locations: a postgres:// URI or a "Host=...;" connection string.</summary>
public static class PostgresLocation
{
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.Split(';').Any(part => part.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
                                           || part.TrimStart().StartsWith("Server=", StringComparison.OrdinalIgnoreCase));

    /// <summary>An Npgsql connection string builder for the location (URI user, password, host, port, database and query options).</summary>
    /// <exception cref="UserInputException">The location is neither a valid URI nor a valid connection string.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string location)
    {
        try
        {
            if (!location.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(location);
            var uri = new Uri(location);
            var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port };
            var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            if (database.Length > 0) builder.Database = database;
            if (uri.UserInfo.Length > 0)
            {
                var parts = uri.UserInfo.Split(':', 2);
                builder.Username = Uri.UnescapeDataString(parts[0]);
                if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
            }
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                var key = Uri.UnescapeDataString(kv[0]).Replace("_", " ", StringComparison.Ordinal);
                builder[key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
            }
            return builder;
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or KeyNotFoundException or FormatException)
        {
            throw new UserInputException("ChunkIndexProviders.Location", $"ChunkIndexProviders.Location '{Redact(location)}' is not a valid PostgreSQL location ({e.Message}): use postgres://user:password@host:5432/db or Host=...;Username=...;Database=...");
        }
    }

    /// <summary>The location without its password, for messages.</summary>
    public static string Redact(string location)
    {
        try
        {
            var builder = location.Contains("://", StringComparison.Ordinal) ? null : new NpgsqlConnectionStringBuilder(location);
            if (builder is null) return System.Text.RegularExpressions.Regex.Replace(location, "://([^:@/]+):[^@/]*@", "://$1:***@");
            if (builder.Password is not null) builder.Password = "***";
            return builder.ToString();
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }
}
