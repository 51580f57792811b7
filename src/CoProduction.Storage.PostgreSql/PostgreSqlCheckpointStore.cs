using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using Npgsql;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// Keeps notification checkpoints in the store's own schema (table <c>checkpoints</c>), so a restarted instance, or
/// another instance over the same database, offers each handler exactly what it missed.
/// </summary>
/// <remarks>
/// A checkpoint only moves forward: storing a lower position than the stored one keeps the stored one (<c>GREATEST</c>
/// in one upsert). A failure of the database is a <see cref="PostgreSqlStoreException"/>.
/// </remarks>
public sealed class PostgreSqlCheckpointStore : ICheckpointStore, IDisposable
{
    private readonly PostgreSqlDatabase database;
    private readonly bool ownsDatabase;

    /// <summary>Creates the checkpoint store, with a connection pool of its own, over the schema of a <see cref="PostgreSqlEventStore"/> with these options.</summary>
    /// <param name="options">The connection string, schema, timeout and retries.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public PostgreSqlCheckpointStore(PostgreSqlStoreOptions options)
        : this(new PostgreSqlDatabase(options), ownsDatabase: true)
    {
    }

    internal PostgreSqlCheckpointStore(PostgreSqlDatabase database, bool ownsDatabase = false)
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
    public async ValueTask<long> GetAsync(string subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        return await database.RunAsync(
            $"read the checkpoint of '{subscriber}'",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand($"SELECT position FROM {database.Table("checkpoints")} WHERE subscriber = @subscriber", connection);
                read.Parameters.AddWithValue("subscriber", subscriber);
                return await read.ExecuteScalarAsync(ct).ConfigureAwait(false) is long position ? position : 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyDictionary<string, long>> GetManyAsync(IReadOnlyCollection<string> subscribers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        foreach (var subscriber in subscribers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(subscriber, nameof(subscribers));
        }

        if (subscribers.Count == 0)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        var names = subscribers.Distinct(StringComparer.Ordinal).ToArray();
        return await database.RunAsync(
            "read checkpoints",
            async (connection, ct) =>
            {
                var found = new Dictionary<string, long>(StringComparer.Ordinal);
                using var read = new NpgsqlCommand($"SELECT subscriber, position FROM {database.Table("checkpoints")} WHERE position > 0 AND subscriber = ANY(@names)", connection);
                read.Parameters.AddWithValue("names", names);
                using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    found[reader.GetString(0)] = reader.GetInt64(1);
                }

                return found;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string subscriber, long position, CancellationToken cancellationToken = default)
        => WriteAsync(subscriber, position, "GREATEST(checkpoints.position, excluded.position)", "store", cancellationToken);

    /// <inheritdoc/>
    public ValueTask ResetAsync(string subscriber, long position = 0, CancellationToken cancellationToken = default)
        => WriteAsync(subscriber, position, "excluded.position", "reset", cancellationToken);

    private async ValueTask WriteAsync(string subscriber, long position, string update, string verb, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await database.RunAsync(
            $"{verb} the checkpoint of '{subscriber}'",
            async (connection, ct) =>
            {
                using var write = new NpgsqlCommand(
                    $"""
                    INSERT INTO {database.Table("checkpoints")} AS checkpoints (subscriber, position) VALUES (@subscriber, @position)
                    ON CONFLICT (subscriber) DO UPDATE SET position = {update}
                    """,
                    connection);
                write.Parameters.AddWithValue("subscriber", subscriber);
                write.Parameters.AddWithValue("position", position);
                return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
