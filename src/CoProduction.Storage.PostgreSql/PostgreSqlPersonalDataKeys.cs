using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Privacy;
using Npgsql;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// Keeps the key table of personal data in the store's own schema (table <c>personal_keys</c>: one row per person with
/// their stored key), so that every instance over the database seals and opens with the same keys, and an erasure in one
/// instance holds in all at once. Erasing deletes the row; <see cref="CompactAsync"/> then rewrites the tables that held
/// the person's key or their name in clear, so that no dead row keeps them.
/// </summary>
/// <remarks>
/// <para>
/// The calls are synchronous, as the event serializer that makes them is: each is one statement on a pooled connection, run
/// under the store's bounded retries, its failure a <see cref="PostgreSqlStoreException"/>. The table is part of the store's
/// schema (<see cref="PostgreSqlEventStore.SchemaVersion"/> 2): an older schema is migrated when first used.
/// </para>
/// <para>
/// The server's write-ahead log and its base backups keep what was written until they are recycled or expire; wrap the
/// stored keys under a master key (<c>ProtectPersonalData(o =&gt; o.MasterKey = ...)</c>) so that neither opens anything
/// without it.
/// </para>
/// </remarks>
public sealed class PostgreSqlPersonalDataKeys : IPersonalDataKeys, IDisposable
{
    private readonly PostgreSqlDatabase database;
    private readonly bool ownsDatabase;
    private readonly string sqlFind;
    private readonly string sqlAdd;
    private readonly string sqlRemove;

    /// <summary>Creates the key table, with a connection pool of its own, over the schema of a <see cref="PostgreSqlEventStore"/> with these options.</summary>
    /// <param name="options">The connection string, schema, timeout and retries.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public PostgreSqlPersonalDataKeys(PostgreSqlStoreOptions options)
        : this(new PostgreSqlDatabase(options), ownsDatabase: true)
    {
    }

    internal PostgreSqlPersonalDataKeys(PostgreSqlDatabase database, bool ownsDatabase = false)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        var keys = database.Table("personal_keys");
        sqlFind = $"SELECT key FROM {keys} WHERE subject = @subject";
        sqlAdd =
            $"""
            WITH added AS (INSERT INTO {keys} (subject, key) VALUES (@subject, @key) ON CONFLICT (subject) DO NOTHING RETURNING key)
            SELECT key FROM added UNION ALL SELECT key FROM {keys} WHERE subject = @subject
            """;
        sqlRemove = $"DELETE FROM {keys} WHERE subject = @subject";
    }

    /// <summary>Closes the table's connections when it owns its pool.</summary>
    public void Dispose()
    {
        if (ownsDatabase)
        {
            database.Dispose();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreException">The database cannot be read.</exception>
    public byte[]? Find(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return Run($"read the personal data key of '{subject}'", sqlFind, subject, null);
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreException">The database cannot be written.</exception>
    /// <exception cref="PersonalDataException">Another instance erased the person while the key was being stored.</exception>
    public byte[] GetOrAdd(string subject, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(key);

        // A row committed before the statement is read by the union's second SELECT; one another instance committed while
        // the insert waited on it is outside the statement's snapshot, and read by a statement of its own.
        return Run($"store the personal data key of '{subject}'", sqlAdd, subject, key)
            ?? Run($"read the personal data key of '{subject}'", sqlFind, subject, null)
            ?? throw new PersonalDataException($"Could not store the personal data key of '{subject}' (PostgreSQL store {database.DataSource}): another instance erased the person while the key was being stored. Nothing was sealed; the person's data can no longer be recorded.");
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreException">The database cannot be written.</exception>
    public bool Remove(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return database.RunAsync(
            $"delete the personal data key of '{subject}'",
            async (connection, ct) =>
            {
                using var delete = new NpgsqlCommand(sqlRemove, connection);
                delete.Parameters.AddWithValue("subject", subject);
                return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Rewrites the key table and the read models' tables (<c>VACUUM FULL</c> of <c>personal_keys</c>, <c>documents</c> and
    /// <c>document_index</c>), so that the dead rows an erasure left (the deleted key, the documents that named the person
    /// before they were updated) are gone from the database's files. Each table is locked while it is copied; run it when
    /// reads of the read models can wait, for example after erasing a person.
    /// </summary>
    /// <param name="cancellationToken">Cancels between the tables.</param>
    /// <returns>A task that completes when the tables are rewritten.</returns>
    /// <exception cref="PostgreSqlStoreException">The database refused (for example a user that does not own the tables).</exception>
    public async Task CompactAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in (string[])["personal_keys", "documents", "document_index"])
        {
            await database.RunAsync(
                $"compact the table '{table}'",
                async (connection, ct) =>
                {
                    using var vacuum = new NpgsqlCommand("VACUUM FULL " + database.Table(table), connection);
                    return await vacuum.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[]? Run(string attempted, string sql, string subject, byte[]? key)
        => database.RunAsync(
            attempted,
            async (connection, ct) =>
            {
                using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("subject", subject);
                if (key is not null)
                {
                    command.Parameters.AddWithValue("key", key);
                }

                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as byte[];
            },
            CancellationToken.None).GetAwaiter().GetResult();
}
