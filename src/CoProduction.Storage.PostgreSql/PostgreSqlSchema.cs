using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// The one schema of a store (events, command ids, checkpoints, leases, projections, documents, parked events, the key
/// table of personal data) and the one
/// check that the schema is ours before anything is written to it.
/// </summary>
/// <remarks>
/// The check only reads the catalog and the <c>schema_version</c> table: a schema with tables of another application, or of
/// a newer release, is refused with <see cref="PostgreSqlStoreException"/> and left as it was; a current one is used
/// without a write. Only a missing or empty schema, or one of an older version, is created or migrated, in one transaction
/// under an advisory lock of the schema, which checks it again (another instance may have created it meanwhile).
/// Version 2 adds <c>personal_keys</c> (<see cref="PostgreSqlPersonalDataKeys"/>).
/// </remarks>
internal static class PostgreSqlSchema
{
    /// <summary>The schema version this code creates and reads.</summary>
    internal const int Version = 2;

    /// <summary>What the <c>schema_version</c> table's <c>application</c> says in a store's schema.</summary>
    internal const string Application = "coproduction";

    /// <summary>Proves the schema ours and current, creating or migrating it when it is missing, empty or older.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="database">The database, for names and messages.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="PostgreSqlStoreException">The schema is another application's or of a newer release (left as it was).</exception>
    internal static async Task EnsureAsync(NpgsqlConnection connection, PostgreSqlDatabase database, CancellationToken cancellationToken)
    {
        if (await InspectAsync(connection, null, database, cancellationToken).ConfigureAwait(false) == Version)
        {
            return;
        }

        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", database.SchemaLock)).ConfigureAwait(false);
        var found = await InspectAsync(connection, transaction, database, cancellationToken).ConfigureAwait(false);
        if (found < Version)
        {
            await MigrateAsync(connection, transaction, database, found, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema's version: 0 for a missing or empty schema, refusing anything not ours.</summary>
    private static async Task<int> InspectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgreSqlDatabase database, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        using (var read = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname
            """,
            connection,
            transaction))
        {
            read.Parameters.AddWithValue("schema", database.Schema);
            using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return 0;
        }

        if (!tables.Contains("schema_version", StringComparer.Ordinal))
        {
            throw Refused(database, PostgreSqlStoreFailure.Foreign, $"the schema holds tables a store does not know ({string.Join(", ", tables.Take(5))}) and no store schema");
        }

        string? application = null;
        var version = 0;
        using (var read = new NpgsqlCommand("SELECT application, version FROM " + database.Table("schema_version"), connection, transaction))
        {
            try
            {
                using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    application = reader.GetString(0);
                    version = reader.GetInt32(1);
                }
            }
            catch (PostgresException ex) when (ex.SqlState is "42703" or "42804")
            {
                // A schema_version table of another shape: another application's.
                application = null;
            }
        }

        if (!string.Equals(application, Application, StringComparison.Ordinal))
        {
            throw Refused(database, PostgreSqlStoreFailure.Foreign, application is null
                ? "its schema_version table is not a store's"
                : $"its schema_version table belongs to the application '{application}', not to a store");
        }

        return version > Version
            ? throw Refused(database, PostgreSqlStoreFailure.NewerSchema, string.Create(
                CultureInfo.InvariantCulture, $"its schema version is {version} and this release knows up to {Version}; it was written by a newer release"))
            : version;
    }

    private static async Task MigrateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgreSqlDatabase database, int from, CancellationToken cancellationToken)
    {
        if (from == 0)
        {
            string T(string name) => database.Table(name);
            await ExecuteAsync(
                connection,
                transaction,
                $"""
                CREATE SCHEMA IF NOT EXISTS "{database.Schema}";
                CREATE TABLE {T("schema_version")} (application text NOT NULL, version integer NOT NULL);
                INSERT INTO {T("schema_version")} (application, version) VALUES ('{Application}', 1);
                CREATE TABLE {T("events")} (
                    position       bigint  NOT NULL PRIMARY KEY,
                    stream         text    COLLATE "C" NOT NULL,
                    version        bigint  NOT NULL,
                    name           text    NOT NULL,
                    schema_version integer NOT NULL,
                    data           bytea   NOT NULL,
                    payload        jsonb   NULL,
                    recorded_at    text    NOT NULL,
                    actor          text    NOT NULL,
                    command_id     text    NULL,
                    UNIQUE (stream, version)
                );
                CREATE TABLE {T("commands")} (
                    stream        text   COLLATE "C" NOT NULL,
                    command_id    text   COLLATE "C" NOT NULL,
                    version       bigint NOT NULL,
                    last_position bigint NOT NULL,
                    PRIMARY KEY (command_id, stream)
                );
                CREATE TABLE {T("command_fingerprints")} (
                    command_id     text COLLATE "C" NOT NULL PRIMARY KEY,
                    command        text NOT NULL,
                    streams        text NOT NULL,
                    arguments_hash text NOT NULL
                );
                CREATE TABLE {T("checkpoints")} (subscriber text COLLATE "C" NOT NULL PRIMARY KEY, position bigint NOT NULL);
                CREATE TABLE {T("leases")} (name text COLLATE "C" NOT NULL PRIMARY KEY, holder text COLLATE "C" NOT NULL, expires_at bigint NOT NULL);
                CREATE TABLE {T("projections")} (name text COLLATE "C" NOT NULL PRIMARY KEY, version integer NOT NULL, position bigint NOT NULL);
                CREATE TABLE {T("parked_events")} (
                    subscriber     text    COLLATE "C" NOT NULL,
                    position       bigint  NOT NULL,
                    stream         text    NOT NULL,
                    stream_version bigint  NOT NULL,
                    event_name     text    NOT NULL,
                    schema_version integer NOT NULL,
                    reason         text    NOT NULL,
                    error_type     text    NOT NULL,
                    parked_at      text    NOT NULL,
                    PRIMARY KEY (subscriber, position)
                );
                CREATE TABLE {T("documents")} (
                    projection text COLLATE "C" NOT NULL,
                    key        text COLLATE "C" NOT NULL,
                    body       text NOT NULL,
                    PRIMARY KEY (projection, key)
                );
                CREATE TABLE {T("document_index")} (
                    projection text COLLATE "C" NOT NULL,
                    name       text COLLATE "C" NOT NULL,
                    value      text COLLATE "C" NOT NULL,
                    key        text COLLATE "C" NOT NULL,
                    PRIMARY KEY (projection, name, value, key)
                );
                CREATE INDEX document_index_by_key ON {T("document_index")} (projection, key);
                """,
                cancellationToken).ConfigureAwait(false);
        }

        // Version 2: the key table of personal data (PostgreSqlPersonalDataKeys).
        if (from <= 1)
        {
            await ExecuteAsync(
                connection,
                transaction,
                $"CREATE TABLE {database.Table("personal_keys")} (subject text COLLATE \"C\" NOT NULL PRIMARY KEY, key bytea NOT NULL)",
                cancellationToken).ConfigureAwait(false);
        }

        // Later versions migrate here, one step each: if (from <= 2) { ... }, then the version row updated.
        await ExecuteAsync(
            connection,
            transaction,
            string.Create(CultureInfo.InvariantCulture, $"UPDATE {database.Table("schema_version")} SET version = {Version}"),
            cancellationToken).ConfigureAwait(false);
    }

    private static PostgreSqlStoreException Refused(PostgreSqlDatabase database, PostgreSqlStoreFailure reason, string detail)
        => new(database.DataSource, reason, "open the store", detail);

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string text, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        using var command = new NpgsqlCommand(text, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
