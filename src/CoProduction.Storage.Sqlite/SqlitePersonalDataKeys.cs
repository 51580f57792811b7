using System;
using CoProduction.Privacy;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Keeps the key table of personal data in the event store's own SQLite file (table <c>personal_keys</c>: one row per
/// person with their stored key), so that the file's copies and its archives carry sealed values and their keys travel with
/// the file only while the person is not erased. Erasing deletes the row; <see cref="SqliteEventStore.CompactAsync"/> then
/// removes its bytes from the file.
/// </summary>
/// <remarks>
/// The calls are synchronous, as the event serializer that makes them is; each is one statement on a pooled connection.
/// The table is part of the store file's schema (<see cref="SqliteEventStore.SchemaVersion"/> 5): an older file is migrated
/// when first used.
/// </remarks>
public sealed class SqlitePersonalDataKeys : IPersonalDataKeys, IDisposable
{
    private readonly SqliteSideTables tables;

    /// <summary>Creates the key table over the same file as a <see cref="SqliteEventStore"/> with these options.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqlitePersonalDataKeys(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        tables = new SqliteSideTables(options);
    }

    /// <summary>Closes the table's open connections; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => tables.Dispose();

    /// <inheritdoc/>
    /// <exception cref="SqliteStoreException">The file cannot be read.</exception>
    public byte[]? Find(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return Run($"read the personal data key of '{subject}'", connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT key FROM personal_keys WHERE subject = $subject";
            read.Parameters.AddWithValue("$subject", subject);
            return read.ExecuteScalar() as byte[];
        });
    }

    /// <inheritdoc/>
    /// <exception cref="SqliteStoreException">The file cannot be written.</exception>
    public byte[] GetOrAdd(string subject, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(key);
        return Run($"store the personal data key of '{subject}'", connection =>
        {
            using var add = connection.CreateCommand();
            add.CommandText =
                """
                INSERT INTO personal_keys (subject, key) VALUES ($subject, $key) ON CONFLICT (subject) DO NOTHING;
                SELECT key FROM personal_keys WHERE subject = $subject;
                """;
            add.Parameters.AddWithValue("$subject", subject);
            add.Parameters.AddWithValue("$key", key);
            return (byte[])add.ExecuteScalar()!;
        });
    }

    /// <inheritdoc/>
    /// <exception cref="SqliteStoreException">The file cannot be written.</exception>
    public bool Remove(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return Run($"delete the personal data key of '{subject}'", connection =>
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM personal_keys WHERE subject = $subject";
            delete.Parameters.AddWithValue("$subject", subject);
            return delete.ExecuteNonQuery() == 1;
        });
    }

    private T Run<T>(string attempted, Func<SqliteConnection, T> work)
    {
        try
        {
            // The pool's renting completes without waiting once a connection is idle; the first one opens the file.
            using var lease = tables.OpenAsync(default).GetAwaiter().GetResult();
            return work(lease.Connection);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, attempted, reason, ex);
        }
    }
}
