using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Tables a part of this package keeps beside the events in the store's file (checkpoints,
/// projections, read models): connections borrowed from the instance's own <see cref="SqliteConnectionPool"/>,
/// their schema created once per instance.
/// </summary>
internal sealed class SqliteSideTables : IDisposable
{
    private readonly SqliteConnectionPool pool;
    private readonly Func<SqliteConnection, CancellationToken, Task>? createSchema;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;

    /// <summary>Tables in the file of a <see cref="SqliteEventStore"/> with these options.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <param name="createSchema">Creates the tables (idempotently) on the first connection; <see langword="null"/> for tables another part creates.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteSideTables(SqliteEventStoreOptions options, Func<SqliteConnection, CancellationToken, Task>? createSchema)
    {
        ArgumentNullException.ThrowIfNull(options);
        pool = SqliteEventStore.PoolFor(options);
        this.createSchema = createSchema;
        schemaReady = createSchema is null;
    }

    /// <summary>Gets the file, for messages.</summary>
    public string DataSource => pool.DataSource;

    /// <summary>Gets the instance's connections (for tests of the pool).</summary>
    internal SqliteConnectionPool Pool => pool;

    /// <summary>Borrows an open connection; the first one creates the schema.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The lease, for the caller to dispose (which gives the connection back).</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<SqliteLease> OpenAsync(CancellationToken cancellationToken)
        => pool.RentAsync(schemaReady ? null : EnsureSchemaAsync, cancellationToken);

    /// <summary>Closes the connections.</summary>
    public void Dispose() => pool.Dispose();

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!schemaReady)
            {
                await createSchema!(connection, cancellationToken).ConfigureAwait(false);
                schemaReady = true;
            }
        }
        finally
        {
            schemaGate.Release();
        }
    }
}
