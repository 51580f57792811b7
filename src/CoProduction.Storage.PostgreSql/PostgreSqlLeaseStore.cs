using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using Npgsql;
using NodaTime;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// Keeps leases in the store's own schema (table <c>leases</c>: one row per lease with its holder and expiry), so that of
/// the instances sharing the database one delivers notifications and one sweeps at a time, and another takes over within
/// the lease's duration when the holder dies.
/// </summary>
/// <remarks>
/// Taking or renewing a lease is one upsert: <c>INSERT ... ON CONFLICT DO UPDATE ... WHERE</c> changes the row only when the
/// lease is free, expired at the caller's instant, or held by the caller already, and PostgreSQL locks the row while it
/// decides, so two instances never both succeed. Expiries are the callers' instants (Unix ticks), as the port asks: the
/// instances' clocks should agree to well within the lease's duration (NTP does).
/// </remarks>
public sealed class PostgreSqlLeaseStore : ILeaseStore, IDisposable
{
    private readonly PostgreSqlDatabase database;
    private readonly bool ownsDatabase;

    /// <summary>Creates the lease store, with a connection pool of its own, over the schema of a <see cref="PostgreSqlEventStore"/> with these options.</summary>
    /// <param name="options">The connection string, schema, timeout and retries.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public PostgreSqlLeaseStore(PostgreSqlStoreOptions options)
        : this(new PostgreSqlDatabase(options), ownsDatabase: true)
    {
    }

    internal PostgreSqlLeaseStore(PostgreSqlDatabase database, bool ownsDatabase = false)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /// <summary>Closes the store's connections when it owns its pool.</summary>
    public void Dispose()
    {
        if (ownsDatabase)
        {
            database.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TryAcquireAsync(string lease, string holder, Instant now, Duration duration, CancellationToken cancellationToken = default)
    {
        LeaseArguments.Check(lease, holder, duration);
        return await database.RunAsync(
            $"take the lease '{lease}'",
            async (connection, ct) =>
            {
                using var take = new NpgsqlCommand(
                    $"""
                    INSERT INTO {database.Table("leases")} AS leases (name, holder, expires_at) VALUES (@name, @holder, @until)
                    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                    WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
                    """,
                    connection);
                take.Parameters.AddWithValue("name", lease);
                take.Parameters.AddWithValue("holder", holder);
                take.Parameters.AddWithValue("until", (now + duration).ToUnixTimeTicks());
                take.Parameters.AddWithValue("now", now.ToUnixTimeTicks());
                return await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken,
            retryAlso: e => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ReleaseAsync(string lease, string holder, CancellationToken cancellationToken = default)
    {
        LeaseArguments.Check(lease, holder);
        await database.RunAsync(
            $"release the lease '{lease}'",
            async (connection, ct) =>
            {
                using var release = new NpgsqlCommand($"DELETE FROM {database.Table("leases")} WHERE name = @name AND holder = @holder", connection);
                release.Parameters.AddWithValue("name", lease);
                release.Parameters.AddWithValue("holder", holder);
                return await release.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
