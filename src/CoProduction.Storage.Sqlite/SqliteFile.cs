using System;
using System.Collections.Generic;
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

            await EnsureSchemaAsync(connection, dataSource, ensureSchema, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Runs <paramref name="ensureSchema"/> when given, turning a file that is not a database into <see cref="SqliteStoreUnreadableException"/>.</summary>
    internal static async Task EnsureSchemaAsync(
        SqliteConnection connection, string dataSource, Func<SqliteConnection, CancellationToken, Task>? ensureSchema, CancellationToken cancellationToken)
    {
        try
        {
            if (ensureSchema is not null)
            {
                await ensureSchema(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase or Corrupt)
        {
            throw new SqliteStoreUnreadableException(dataSource, ex);
        }
    }
}

/// <summary>
/// The open connections of one store instance: a call borrows one (opening it, with its pragmas, only when
/// none is idle) and gives it back when it is done, so the pragmas run once per connection, not once per call.
/// </summary>
/// <remarks>
/// A connection comes back to the pool only when it is still open and outside any transaction (a failed or
/// rolled-back call's connection that is somehow still in one is closed instead); at most
/// <see cref="IdleCapacity"/> wait idle, the others are closed. Disposing the pool closes the idle connections
/// and every borrowed one as it comes back; borrowing afterwards throws <see cref="ObjectDisposedException"/>.
/// </remarks>
internal sealed class SqliteConnectionPool : IDisposable
{
    /// <summary>How many open connections wait idle at most.</summary>
    internal static readonly int IdleCapacity = Math.Max(4, Environment.ProcessorCount);

    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
    private readonly Stack<SqliteConnection> idle = new();
    private readonly Lock gate = new();
    private bool disposed;
    private int opened;

    /// <summary>A pool of connections to one file.</summary>
    /// <param name="connectionString">The connection string (Microsoft.Data.Sqlite's own pooling off: this pool keeps them open).</param>
    /// <param name="busyTimeoutMilliseconds">The busy timeout each connection is given once.</param>
    /// <param name="dataSource">The file, for messages.</param>
    public SqliteConnectionPool(string connectionString, int busyTimeoutMilliseconds, string dataSource)
    {
        this.connectionString = connectionString;
        this.busyTimeoutMilliseconds = busyTimeoutMilliseconds;
        DataSource = dataSource;
    }

    /// <summary>Gets the file, for messages.</summary>
    public string DataSource { get; }

    /// <summary>Gets how many connections this pool has opened in all: the pragmas ran once for each.</summary>
    internal int Opened => Volatile.Read(ref opened);

    /// <summary>Gets how many open connections wait idle now.</summary>
    internal int Idle
    {
        get
        {
            lock (gate)
            {
                return idle.Count;
            }
        }
    }

    /// <summary>Borrows an open connection (an idle one, or a new one with its pragmas), running <paramref name="ensureSchema"/> on it when given.</summary>
    /// <param name="ensureSchema">Creates or checks the schema; <see langword="null"/> once it is known to be there.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The lease; disposing it gives the connection back.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<SqliteLease> RentAsync(Func<SqliteConnection, CancellationToken, Task>? ensureSchema, CancellationToken cancellationToken)
    {
        SqliteConnection? connection;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            idle.TryPop(out connection);
        }

        if (connection is null)
        {
            connection = await SqliteFile.OpenAsync(connectionString, busyTimeoutMilliseconds, DataSource, ensureSchema, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref opened);
            return new SqliteLease(this, connection);
        }

        var lease = new SqliteLease(this, connection);
        try
        {
            await SqliteFile.EnsureSchemaAsync(connection, DataSource, ensureSchema, cancellationToken).ConfigureAwait(false);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Takes a connection back: kept idle when it is open, outside a transaction and there is room; closed otherwise.</summary>
    internal void Return(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open
            && connection.Handle is { } handle
            && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
        {
            lock (gate)
            {
                if (!disposed && idle.Count < IdleCapacity)
                {
                    idle.Push(connection);
                    return;
                }
            }
        }

        connection.Dispose();
    }

    /// <summary>Closes the idle connections; borrowed ones are closed as they come back.</summary>
    public void Dispose()
    {
        SqliteConnection[] closing;
        lock (gate)
        {
            disposed = true;
            closing = [.. idle];
            idle.Clear();
        }

        foreach (var connection in closing)
        {
            connection.Dispose();
        }
    }
}

/// <summary>A connection borrowed from a <see cref="SqliteConnectionPool"/>; disposing it gives it back (once).</summary>
internal sealed class SqliteLease : IDisposable
{
    private readonly SqliteConnectionPool pool;
    private SqliteConnection? connection;

    internal SqliteLease(SqliteConnectionPool pool, SqliteConnection connection)
    {
        this.pool = pool;
        this.connection = connection;
    }

    /// <summary>Gets the open connection, for this call only.</summary>
    /// <exception cref="ObjectDisposedException">The lease was given back.</exception>
    public SqliteConnection Connection => connection ?? throw new ObjectDisposedException(nameof(SqliteLease));

    /// <summary>Gives the connection back to the pool.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref connection, null) is { } returned)
        {
            pool.Return(returned);
        }
    }
}
