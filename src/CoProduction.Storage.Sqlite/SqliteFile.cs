using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Opens a connection to the store's file the one way every part of this package does, and turns SQLite's failures of the
/// file into <see cref="SqliteStoreException"/> in one place (<see cref="FailureOf"/>).
/// </summary>
internal static class SqliteFile
{
    /// <summary>
    /// Opens a connection with the busy timeout and durable commits. Microsoft.Data.Sqlite's own retry loop on a busy file
    /// counts whole seconds; the connection string's <c>Default Timeout</c> is set negative (see
    /// <see cref="SqliteEventStore.ConnectionFor"/>), which ends that loop at the first busy answer, so SQLite's own busy
    /// handler (<c>PRAGMA busy_timeout</c>, in milliseconds) is the one wait, and any timeout is honoured.
    /// </summary>
    internal static async Task<SqliteConnection> OpenAsync(string connectionString, int busyTimeoutMilliseconds, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(
                CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = FULL;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// What a SQLite error says of the file: <see langword="null"/> for an error that is not the file's (a constraint, the
    /// SQL of a projection), which the caller handles or lets through.
    /// </summary>
    /// <param name="exception">SQLite's error.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    internal static SqliteStoreFailure? FailureOf(SqliteException exception) => exception.SqliteErrorCode switch
    {
        5 or 6 => SqliteStoreFailure.Busy,            // SQLITE_BUSY, SQLITE_LOCKED
        8 => SqliteStoreFailure.ReadOnly,             // SQLITE_READONLY
        3 or 14 => SqliteStoreFailure.CannotOpen,     // SQLITE_PERM, SQLITE_CANTOPEN
        11 or 26 => SqliteStoreFailure.Damaged,       // SQLITE_CORRUPT, SQLITE_NOTADB
        10 or 13 => SqliteStoreFailure.DiskError,     // SQLITE_IOERR, SQLITE_FULL
        _ => null,
    };

    /// <summary>The typed error for a failure of the file found by <see cref="FailureOf"/>.</summary>
    /// <param name="dataSource">The file.</param>
    /// <param name="attempted">What was attempted, for example <c>append to stream 'x'</c>.</param>
    /// <param name="reason">The reason <see cref="FailureOf"/> gave.</param>
    /// <param name="exception">SQLite's error, kept inside.</param>
    /// <returns>The exception to throw.</returns>
    internal static SqliteStoreException Failed(string dataSource, string attempted, SqliteStoreFailure reason, SqliteException exception)
    {
        var detail = reason switch
        {
            SqliteStoreFailure.Busy => "another connection or process held the write lock for longer than the busy timeout",
            SqliteStoreFailure.ReadOnly => "the file, its folder or the connection is read-only",
            SqliteStoreFailure.CannotOpen => "the file cannot be opened or created (a missing folder, a folder at that path, or no permission)",
            SqliteStoreFailure.Damaged => "the file is not a SQLite database or is damaged",
            _ => exception.SqliteErrorCode == 13 ? "the disk is full" : "the disk reported an I/O error",
        };
        return new SqliteStoreException(
            dataSource, reason, attempted, string.Create(CultureInfo.InvariantCulture, $"{detail} (SQLite error {exception.SqliteErrorCode}: {exception.Message})"), exception);
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
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;
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

    /// <summary>
    /// Borrows an open connection (an idle one, or a new one with its pragmas); the first borrowing of the instance proves
    /// the file ours and current (<see cref="SqliteSchema.Ensure"/>), which writes only to an empty or older file.
    /// </summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The lease; disposing it gives the connection back.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="SqliteStoreException">The file is another application's or of a newer schema.</exception>
    /// <exception cref="SqliteException">SQLite failed opening or checking the file (the caller maps it).</exception>
    public async Task<SqliteLease> RentAsync(CancellationToken cancellationToken)
    {
        SqliteConnection? connection;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            idle.TryPop(out connection);
        }

        if (connection is null)
        {
            try
            {
                connection = await SqliteFile.OpenAsync(connectionString, busyTimeoutMilliseconds, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
            {
                throw SqliteFile.Failed(DataSource, "open the store", reason, ex);
            }

            Interlocked.Increment(ref opened);
        }

        var lease = new SqliteLease(this, connection);
        if (schemaReady)
        {
            return lease;
        }

        try
        {
            await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!schemaReady)
                {
                    SqliteSchema.Ensure(connection, DataSource);
                    schemaReady = true;
                }
            }
            finally
            {
                schemaGate.Release();
            }

            return lease;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            // Every store on the file (events, checkpoints, leases, read models) opens through here: the
            // file's failures on open are the typed error whichever store met them first.
            lease.Dispose();
            throw SqliteFile.Failed(DataSource, "open the store", reason, ex);
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
