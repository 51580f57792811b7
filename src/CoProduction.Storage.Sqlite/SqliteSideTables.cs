using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Tables a part of this package keeps beside the events in the store's file (checkpoints,
/// projections, read models): opened through <see cref="SqliteFile"/>, their schema created once per instance.
/// </summary>
internal sealed class SqliteSideTables
{
    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
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
        busyTimeoutMilliseconds = SqliteEventStore.BusyTimeoutOf(options);
        var builder = SqliteEventStore.ConnectionFor(options);
        DataSource = builder.DataSource;
        connectionString = builder.ToString();
        this.createSchema = createSchema;
        schemaReady = createSchema is null;
    }

    /// <summary>Gets the file, for messages.</summary>
    public string DataSource { get; }

    /// <summary>Opens a connection; the first one creates the schema.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open connection, for the caller to dispose.</returns>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
        => SqliteFile.OpenAsync(connectionString, busyTimeoutMilliseconds, DataSource, schemaReady ? null : EnsureSchemaAsync, cancellationToken);

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
