using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Keeps notification checkpoints in the event store's own SQLite file (table <c>checkpoints</c>), so a
/// restarted app, or another process over the same file, offers each handler exactly what it missed.
/// </summary>
/// <remarks>
/// A checkpoint only moves forward: storing a lower position than the stored one keeps the stored one.
/// The table is part of the store file's schema (<see cref="SqliteEventStore.SchemaVersion"/>); a failure of the file is a <see cref="SqliteStoreException"/>.
/// </remarks>
public sealed class SqliteCheckpointStore : ICheckpointStore, IDisposable
{
    /// <summary>How many names one statement of <see cref="GetManyAsync"/> reads at most.</summary>
    private const int NamesPerRead = 500;

    private readonly SqliteSideTables tables;

    /// <summary>Creates the checkpoint store over the same file as a <see cref="SqliteEventStore"/> with these options.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteCheckpointStore(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        tables = new SqliteSideTables(options);
    }

    /// <summary>Closes the store's open connections; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => tables.Dispose();

    /// <inheritdoc/>
    public async ValueTask<long> GetAsync(string subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT position FROM checkpoints WHERE subscriber = $subscriber";
            read.Parameters.AddWithValue("$subscriber", subscriber);
            return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"read the checkpoint of '{subscriber}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyDictionary<string, long>> GetManyAsync(IReadOnlyCollection<string> subscribers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        foreach (var subscriber in subscribers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(subscriber, nameof(subscribers));
        }

        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (subscribers.Count == 0)
        {
            return found;
        }

        // A few statements of many names each, not one statement per name.
        var names = new HashSet<string>(subscribers, StringComparer.Ordinal).ToArray();
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            for (var from = 0; from < names.Length; from += NamesPerRead)
            {
                var count = Math.Min(NamesPerRead, names.Length - from);
                using var read = lease.Connection.CreateCommand();
                var parameters = new string[count];
                for (var i = 0; i < count; i++)
                {
                    parameters[i] = "$s" + i.ToString(CultureInfo.InvariantCulture);
                    read.Parameters.AddWithValue(parameters[i], names[from + i]);
                }

                read.CommandText = "SELECT subscriber, position FROM checkpoints WHERE position > 0 AND subscriber IN (" + string.Join(", ", parameters) + ")";
                using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (reader.Read())
                {
                    found[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            return found;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, "read checkpoints", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask SetAsync(string subscriber, long position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var write = connection.CreateCommand();
            write.CommandText =
                """
                INSERT INTO checkpoints (subscriber, position) VALUES ($subscriber, $position)
                ON CONFLICT (subscriber) DO UPDATE SET position = MAX(position, excluded.position)
                """;
            write.Parameters.AddWithValue("$subscriber", subscriber);
            write.Parameters.AddWithValue("$position", position);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"store the checkpoint of '{subscriber}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(string subscriber, long position = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var write = connection.CreateCommand();
            write.CommandText =
                """
                INSERT INTO checkpoints (subscriber, position) VALUES ($subscriber, $position)
                ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position
                """;
            write.Parameters.AddWithValue("$subscriber", subscriber);
            write.Parameters.AddWithValue("$position", position);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"reset the checkpoint of '{subscriber}'", reason, ex);
        }
    }

    private Task<SqliteLease> OpenAsync(CancellationToken cancellationToken) => tables.OpenAsync(cancellationToken);
}

