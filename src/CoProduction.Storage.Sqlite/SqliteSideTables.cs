using System;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Tables a part of this package keeps beside the events in the store's file (checkpoints, leases, projections, read
/// models): connections borrowed from the instance's own <see cref="SqliteConnectionPool"/>, the file proven ours and its
/// tables there (<see cref="SqliteSchema"/>) on the first one.
/// </summary>
internal sealed class SqliteSideTables : IDisposable
{
    private readonly SqliteConnectionPool pool;

    /// <summary>Tables in the file of a <see cref="SqliteEventStore"/> with these options.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteSideTables(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        pool = SqliteEventStore.PoolFor(options);
    }

    /// <summary>Gets the file, for messages.</summary>
    public string DataSource => pool.DataSource;

    /// <summary>Gets the instance's connections (for tests of the pool).</summary>
    internal SqliteConnectionPool Pool => pool;

    /// <summary>Borrows an open connection; the first one proves the file ours and current.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The lease, for the caller to dispose (which gives the connection back).</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<SqliteLease> OpenAsync(CancellationToken cancellationToken) => pool.RentAsync(cancellationToken);

    /// <summary>Closes the connections.</summary>
    public void Dispose() => pool.Dispose();
}
