using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// The one schema of a store file (events, command ids, checkpoints, leases, projections, documents, parked events) and the
/// one check that the file is ours before anything is written to it.
/// </summary>
/// <remarks>
/// <para>
/// The check only reads: the header's <c>application_id</c> and <c>user_version</c>, the table names and the
/// <c>schema_version</c> table. A file of another application or of a newer schema is refused with
/// <see cref="SqliteStoreException"/> and left byte for byte as it was; a current file is used as it is, without a write (so a
/// new store instance's first read never takes the write lock). Only an empty file or a file of an older version is then
/// written: switched to WAL, and created or migrated in one <c>BEGIN IMMEDIATE</c> transaction, which checks the file again
/// (another process may have created it meanwhile).
/// </para>
/// <para>
/// Version 3 stamps the header (<c>application_id</c> <see cref="ApplicationId"/>, <c>user_version</c> 3) and keeps every
/// table of the package under the version; versions 1 and 2, and files whose side tables were created without a version,
/// are migrated in place.
/// </para>
/// <para>
/// Version 4 gives each projection's row a <c>generation</c>, counted up at every reset of its model, so that a process can
/// tell its parsed documents current from the row alone (<see cref="SqliteDocumentCache"/>).
/// </para>
/// <para>
/// Version 5 adds <c>personal_keys</c>, the key table of personal data (<see cref="SqlitePersonalDataKeys"/>).
/// </para>
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The schema version this code creates and reads.</summary>
    internal const int Version = 5;

    /// <summary>The header's <c>application_id</c> of a store file: "CoPr".</summary>
    internal const int ApplicationId = 0x436F5072;

    // The tables of this package. A file without our header but with a schema_version table and the events tables is ours
    // (versions 1 and 2); one with side tables only (created before they were versioned) is ours at version 0.
    private static readonly HashSet<string> SideTables =
        new(["checkpoints", "leases", "projections", "parked_events", "documents", "document_index", "personal_keys"], StringComparer.OrdinalIgnoreCase);

    private const string CreateSideTables =
        """
        CREATE TABLE IF NOT EXISTS checkpoints (subscriber TEXT NOT NULL PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS leases (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS projections (
            name       TEXT    NOT NULL PRIMARY KEY,
            version    INTEGER NOT NULL,
            position   INTEGER NOT NULL,
            generation INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS parked_events (
            subscriber     TEXT    NOT NULL,
            position       INTEGER NOT NULL,
            stream         TEXT    NOT NULL,
            stream_version INTEGER NOT NULL,
            event_name     TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            reason         TEXT    NOT NULL,
            error_type     TEXT    NOT NULL,
            parked_at      TEXT    NOT NULL,
            PRIMARY KEY (subscriber, position)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents (
            projection TEXT NOT NULL,
            key        TEXT NOT NULL,
            body       TEXT NOT NULL,
            PRIMARY KEY (projection, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS document_index (
            projection TEXT NOT NULL,
            name       TEXT NOT NULL,
            value      TEXT NOT NULL,
            key        TEXT NOT NULL,
            PRIMARY KEY (projection, name, value, key)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS document_index_by_key ON document_index (projection, key);
        CREATE TABLE IF NOT EXISTS personal_keys (subject TEXT NOT NULL PRIMARY KEY, key BLOB NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>
    /// Proves the file ours and current, creating or migrating it when it is empty or older; writes nothing to a current file
    /// and nothing at all to a refused one.
    /// </summary>
    /// <param name="connection">An open connection to the file.</param>
    /// <param name="dataSource">The file, for messages.</param>
    /// <exception cref="SqliteStoreException">The file is another application's or of a newer schema (left as it was).</exception>
    /// <exception cref="SqliteException">SQLite failed reading or writing the file (the caller maps it to <see cref="SqliteStoreException"/>).</exception>
    internal static void Ensure(SqliteConnection connection, string dataSource)
    {
        var found = Inspect(connection, dataSource, null);
        if (found == Version && IsWal(connection))
        {
            return;
        }

        // Ours, but empty or older: now, and only now, the file is written.
        if (!IsWal(connection))
        {
            Execute(connection, null, "PRAGMA journal_mode = WAL");
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        found = Inspect(connection, dataSource, transaction);
        if (found < Version)
        {
            Migrate(connection, transaction, found);
        }

        transaction.Commit();
    }

    /// <summary>The file's schema version: 0 for an empty file (or one with unversioned side tables only), refusing anything not ours.</summary>
    private static long Inspect(SqliteConnection connection, string dataSource, SqliteTransaction? transaction)
    {
        var applicationId = (long)Scalar(connection, transaction, "PRAGMA application_id")!;
        var userVersion = (long)Scalar(connection, transaction, "PRAGMA user_version")!;
        var tables = new List<string>();
        using (var read = Command(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        long version;
        if (applicationId == ApplicationId)
        {
            version = userVersion;
        }
        else if (applicationId != 0)
        {
            throw Refused(dataSource, SqliteStoreFailure.Foreign, string.Create(
                CultureInfo.InvariantCulture, $"it belongs to another application (its application_id is 0x{applicationId:X8}, a store's is 0x{ApplicationId:X8})"));
        }
        else if (tables.Contains("schema_version", StringComparer.OrdinalIgnoreCase)
            && tables.Contains("events", StringComparer.OrdinalIgnoreCase)
            && tables.Contains("commands", StringComparer.OrdinalIgnoreCase)
            && userVersion == 0)
        {
            // Versions 1 and 2 kept their version in the table only.
            version = (long)(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version") ?? 0L);
        }
        else if (userVersion == 0 && tables.All(SideTables.Contains))
        {
            version = 0;
        }
        else
        {
            var unknown = tables.Where(t => !SideTables.Contains(t)).Take(5).ToList();
            throw Refused(dataSource, SqliteStoreFailure.Foreign, unknown.Count > 0
                ? $"it holds tables a store does not know ({string.Join(", ", unknown)}) and no store schema"
                : string.Create(CultureInfo.InvariantCulture, $"its header's user_version is {userVersion} but it has no store schema"));
        }

        return version > Version
            ? throw Refused(dataSource, SqliteStoreFailure.NewerSchema, string.Create(
                CultureInfo.InvariantCulture, $"its schema version is {version} and this release knows up to {Version}; it was written by a newer release"))
            : version;
    }

    private static void Migrate(SqliteConnection connection, SqliteTransaction transaction, long from)
    {
        if (from == 0)
        {
            Execute(
                connection,
                transaction,
                """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                CREATE TABLE events (
                    position       INTEGER PRIMARY KEY AUTOINCREMENT,
                    stream         TEXT    NOT NULL,
                    version        INTEGER NOT NULL,
                    name           TEXT    NOT NULL,
                    schema_version INTEGER NOT NULL,
                    payload        BLOB    NOT NULL,
                    recorded_at    TEXT    NOT NULL,
                    actor          TEXT    NOT NULL,
                    command_id     TEXT    NULL,
                    UNIQUE (stream, version)
                );
                CREATE TABLE commands (
                    stream         TEXT    NOT NULL,
                    command_id     TEXT    NOT NULL,
                    version        INTEGER NOT NULL,
                    last_position  INTEGER NOT NULL,
                    PRIMARY KEY (stream, command_id)
                ) WITHOUT ROWID;
                INSERT INTO schema_version (version) VALUES (1);
                """);
        }

        if (from <= 1)
        {
            // Version 2: each command id's fingerprint. The ids recorded before have none, and are matched per stream.
            Execute(
                connection,
                transaction,
                """
                CREATE TABLE command_fingerprints (
                    command_id     TEXT    NOT NULL PRIMARY KEY,
                    command        TEXT    NOT NULL,
                    streams        TEXT    NOT NULL,
                    arguments_hash TEXT    NOT NULL
                ) WITHOUT ROWID;
                """);
        }

        // Version 3: every side table under the version (a version 2 file may hold some already), and the header stamped.
        Execute(connection, transaction, CreateSideTables);

        // Version 5's personal_keys is one of the side tables above.
        // Version 4: a projection's generation (a projections table made before it has none).
        if (!HasColumn(connection, transaction, "projections", "generation"))
        {
            Execute(connection, transaction, "ALTER TABLE projections ADD COLUMN generation INTEGER NOT NULL DEFAULT 0");
        }

        Execute(
            connection,
            transaction,
            string.Create(
                CultureInfo.InvariantCulture,
                $"UPDATE schema_version SET version = {Version}; PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {Version};"));
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var read = Command(connection, transaction, "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column");
        read.Parameters.AddWithValue("$table", table);
        read.Parameters.AddWithValue("$column", column);
        return (long)read.ExecuteScalar()! > 0;
    }

    private static bool IsWal(SqliteConnection connection)
        => string.Equals(Scalar(connection, null, "PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase);

    private static SqliteStoreException Refused(string dataSource, SqliteStoreFailure reason, string detail)
        => new(dataSource, reason, "open the store", detail);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        using var command = Command(connection, transaction, text);
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        using var command = Command(connection, transaction, text);
        command.ExecuteNonQuery();
    }
}
