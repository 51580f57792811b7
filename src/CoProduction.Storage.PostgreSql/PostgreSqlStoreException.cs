using System;
using CoProduction.Persistence;

namespace CoProduction.Storage.PostgreSql;

/// <summary>Why a PostgreSQL store could not reach, read or write its database (<see cref="PostgreSqlStoreException.Reason"/>).</summary>
public enum PostgreSqlStoreFailure
{
    /// <summary>
    /// No server answered at the connection string's host and port (the connection was refused, the host is unknown or
    /// unreachable). Nothing was read or written: start the server, or correct <c>Host</c> and <c>Port</c>.
    /// </summary>
    ConnectionRefused,

    /// <summary>
    /// The server refused the user (a wrong password, an unknown user, no <c>pg_hba.conf</c> entry; SQLSTATE class 28).
    /// Nothing was read or written: correct <c>Username</c> and <c>Password</c>, or the server's authentication rules.
    /// </summary>
    Authentication,

    /// <summary>
    /// A statement ran, or waited for a lock or a connection, longer than <see cref="PostgreSqlStoreOptions.CommandTimeout"/>
    /// (or the server's <c>statement_timeout</c> or <c>lock_timeout</c>). A failed write wrote nothing: retry later, or give a longer timeout.
    /// </summary>
    Timeout,

    /// <summary>
    /// The server accepts reads only (a hot standby, <c>default_transaction_read_only</c>; SQLSTATE 25006). Nothing was
    /// written: point the connection string at the primary, or only read.
    /// </summary>
    ReadOnly,

    /// <summary>
    /// The user may not do what the store needs (create its schema, read or write its tables; SQLSTATE 42501). Nothing was
    /// written: grant the user the rights on the database and the schema, or create the schema as its owner.
    /// </summary>
    PermissionDenied,

    /// <summary>
    /// The connection broke, the server is shutting down or restarting, it has too many connections or no disk space, and the
    /// bounded retries (<see cref="PostgreSqlStoreOptions.MaxRetries"/>) did not get through. A failed append wrote nothing,
    /// or (when the connection broke during the commit) wrote it whole: retry under the same command id.
    /// </summary>
    Unavailable,

    /// <summary>
    /// The schema holds tables the store does not know and no store schema, or the store schema of another application. It
    /// was refused before anything was written and is left as it was: give the store its own schema
    /// (<see cref="PostgreSqlStoreOptions.Schema"/>).
    /// </summary>
    Foreign,

    /// <summary>
    /// The schema was written by a newer release of the store (its version is higher than
    /// <see cref="PostgreSqlEventStore.SchemaVersion"/>). It was refused before anything was written and is left as it was:
    /// upgrade the app.
    /// </summary>
    NewerSchema,
}

/// <summary>
/// A PostgreSQL store (events, checkpoints, leases, projections) could not reach, read or write its database;
/// <see cref="Reason"/> says why and the message says what was attempted, on which server and schema, and what to do.
/// </summary>
/// <remarks>
/// Transient failures are retried first (<see cref="PostgreSqlStoreOptions.MaxRetries"/>); this exception is what is left.
/// An append that fails with it wrote nothing (its transaction was rolled back), except when the connection broke during
/// the commit itself: then the write is whole or absent, and a retry under the same command id says which. Npgsql's or the
/// server's own error is the <see cref="Exception.InnerException"/>.
/// </remarks>
public sealed class PostgreSqlStoreException : StoreException
{
    internal PostgreSqlStoreException(string dataSource, PostgreSqlStoreFailure reason, string attempted, string detail, Exception? innerException = null)
        : base(dataSource, attempted, $"Could not {attempted} (PostgreSQL store {dataSource}): {detail}. {AdviceFor(reason)}", innerException)
    {
        Reason = reason;
    }

    /// <summary>Gets why the database could not be used.</summary>
    public PostgreSqlStoreFailure Reason { get; }

    private static string AdviceFor(PostgreSqlStoreFailure reason) => reason switch
    {
        PostgreSqlStoreFailure.ConnectionRefused => "Nothing was read or written; start the server, or correct Host and Port in the connection string.",
        PostgreSqlStoreFailure.Authentication => "Nothing was read or written; correct Username and Password in the connection string, or the server's pg_hba.conf.",
        PostgreSqlStoreFailure.Timeout => "Nothing was written by the failed call; retry later, or give PostgreSqlStoreOptions.CommandTimeout a longer wait.",
        PostgreSqlStoreFailure.ReadOnly => "Nothing was written; point the connection string at the primary server, or only read.",
        PostgreSqlStoreFailure.PermissionDenied => "Nothing was written; grant the user the rights on the database and the store's schema, or create the schema as its owner.",
        PostgreSqlStoreFailure.Unavailable => "The retries did not get through; a failed append wrote nothing, or all of it if the connection broke while committing: retry under the same command id.",
        PostgreSqlStoreFailure.Foreign => "Nothing was read or written and the schema is left as it was; give the store its own schema (PostgreSqlStoreOptions.Schema).",
        _ => "Nothing was read or written and the schema is left as it was; upgrade the app, or use the release that wrote the schema.",
    };
}
