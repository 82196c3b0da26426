using System.Net.Sockets;
using Npgsql;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// Opens connections, retrying briefly when the server drops a connection during startup: a single-connection server
/// (PGlite's socket server) refuses a new client until it has finished closing the previous one. A refused or
/// timed-out connect is not retried: that server is unreachable.
/// </summary>
internal static class PostgresConnector
{
    public static Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        RetryAsync(() => dataSource.OpenConnectionAsync(cancellationToken).AsTask(), cancellationToken);

    public static Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, cancellationToken);

    private static async Task<NpgsqlConnection> RetryAsync(Func<Task<NpgsqlConnection>> open, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await open().ConfigureAwait(false);
            }
            catch (NpgsqlException e) when (attempt < 6 && IsDroppedDuringStartup(e))
            {
                await Task.Delay(50 * attempt * attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsDroppedDuringStartup(Exception e) =>
        e.InnerException is EndOfStreamException or IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } }
        || e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset };
}
