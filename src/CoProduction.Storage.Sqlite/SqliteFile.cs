using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>Opens a connection to the store's file the one way every part of this package does.</summary>
internal static class SqliteFile
{
    // SQLite's result codes for a file that is not a database (SQLITE_NOTADB) or is damaged (SQLITE_CORRUPT).
    private const int NotADatabase = 26;
    private const int Corrupt = 11;

    /// <summary>
    /// Opens a connection with the busy timeout and durable commits, runs <paramref name="ensureSchema"/>
    /// when given, and turns a file that is not a database into <see cref="SqliteStoreUnreadableException"/>.
    /// </summary>
    internal static async Task<SqliteConnection> OpenAsync(
        string connectionString,
        int busyTimeoutMilliseconds,
        string dataSource,
        Func<SqliteConnection, CancellationToken, Task>? ensureSchema,
        CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = string.Create(
                    CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = FULL;");
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (ensureSchema is not null)
            {
                await ensureSchema(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase or Corrupt)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SqliteStoreUnreadableException(dataSource, ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
