using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Keeps leases in the event store's own SQLite file (table <c>leases</c>: one row per lease with its holder and expiry),
/// so that of the processes sharing the file one delivers notifications and one sweeps at a time.
/// </summary>
/// <remarks>
/// Taking or renewing a lease is one upsert under SQLite's write lock: it changes the row only when the lease is free,
/// expired at the caller's instant, or held by the caller already, so two processes never both succeed. Expiries are
/// stored as Unix ticks of the callers' clocks, which processes on one machine share. The table is part of the store file's
/// schema (<see cref="SqliteEventStore.SchemaVersion"/>): a file written before leases existed is migrated when first used.
/// </remarks>
public sealed class SqliteLeaseStore : ILeaseStore, IDisposable
{
    private readonly SqliteSideTables tables;

    /// <summary>Creates the lease store over the same file as a <see cref="SqliteEventStore"/> with these options.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteLeaseStore(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        tables = new SqliteSideTables(options);
    }

    /// <summary>Closes the store's open connections; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => tables.Dispose();

    /// <inheritdoc/>
    public async ValueTask<bool> TryAcquireAsync(string lease, string holder, Instant now, Duration duration, CancellationToken cancellationToken = default)
    {
        LeaseArguments.Check(lease, holder, duration);
        try
        {
            using var connection = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var take = connection.Connection.CreateCommand();
            take.CommandText =
                """
                INSERT INTO leases (name, holder, expires_at) VALUES ($name, $holder, $until)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.holder = excluded.holder OR leases.expires_at <= $now
                """;
            take.Parameters.AddWithValue("$name", lease);
            take.Parameters.AddWithValue("$holder", holder);
            take.Parameters.AddWithValue("$until", (now + duration).ToUnixTimeTicks());
            take.Parameters.AddWithValue("$now", now.ToUnixTimeTicks());
            return await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"take the lease '{lease}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask ReleaseAsync(string lease, string holder, CancellationToken cancellationToken = default)
    {
        LeaseArguments.Check(lease, holder);
        try
        {
            using var connection = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var release = connection.Connection.CreateCommand();
            release.CommandText = "DELETE FROM leases WHERE name = $name AND holder = $holder";
            release.Parameters.AddWithValue("$name", lease);
            release.Parameters.AddWithValue("$holder", holder);
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"release the lease '{lease}'", reason, ex);
        }
    }
}
