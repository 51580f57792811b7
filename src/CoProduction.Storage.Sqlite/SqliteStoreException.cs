using System;
using CoProduction.Persistence;

namespace CoProduction.Storage.Sqlite;

/// <summary>Why a SQLite store could not open, read or write its file (<see cref="SqliteStoreException.Reason"/>).</summary>
public enum SqliteStoreFailure
{
    /// <summary>
    /// Another connection or process held the write lock for longer than <see cref="SqliteEventStoreOptions.BusyTimeout"/>
    /// (SQLite's <c>SQLITE_BUSY</c> or <c>SQLITE_LOCKED</c>). Nothing was written: retry later, or give a longer busy timeout.
    /// </summary>
    Busy,

    /// <summary>
    /// The file, its folder or the connection (<c>Mode=ReadOnly</c>) cannot be written (<c>SQLITE_READONLY</c>): an append,
    /// or the first use of a file that must be created or migrated, was refused. Nothing was written: make the file and its
    /// folder writable, or read it only.
    /// </summary>
    ReadOnly,

    /// <summary>
    /// The file cannot be opened or created (<c>SQLITE_CANTOPEN</c>, <c>SQLITE_PERM</c>): its folder is missing, the path is a
    /// folder, or the process may not open it. Nothing was read or written: check the path and its permissions.
    /// </summary>
    CannotOpen,

    /// <summary>
    /// The file is not a SQLite database or SQLite found damage in it (<c>SQLITE_NOTADB</c>, <c>SQLITE_CORRUPT</c>, on opening,
    /// reading or appending). Nothing was written: restore the file from a backup or an archive
    /// (<see cref="Persistence.EventArchive"/>); <c>PRAGMA integrity_check</c> shows what is damaged.
    /// </summary>
    Damaged,

    /// <summary>
    /// The file is a SQLite database of another application (another <c>application_id</c>, or tables this store does not
    /// know and no schema of its own). It was refused before anything was written and is left byte for byte as it was:
    /// give the store its own file.
    /// </summary>
    Foreign,

    /// <summary>
    /// The file was written by a newer release of the store (its schema version is higher than
    /// <see cref="SqliteEventStore.SchemaVersion"/>). It was refused before anything was written and is left as it was:
    /// upgrade the app, or open the file with the release that wrote it.
    /// </summary>
    NewerSchema,

    /// <summary>
    /// The operating system reported an I/O error or a full disk (<c>SQLITE_IOERR</c>, <c>SQLITE_FULL</c>). An append that
    /// failed wrote nothing: free space or check the disk, then retry.
    /// </summary>
    DiskError,
}

/// <summary>
/// A SQLite store (events, checkpoints, leases, projections) could not open, read or write its file; <see cref="Reason"/>
/// says why and the message says what was attempted, on which file, and what to do. Every failure of the file itself
/// surfaces as this one exception: busy past the timeout, read-only, cannot open, damaged, another application's file,
/// a newer schema, a disk error.
/// </summary>
/// <remarks>
/// An append that fails with this exception wrote nothing (its transaction is rolled back). A file refused as
/// <see cref="SqliteStoreFailure.Foreign"/> or <see cref="SqliteStoreFailure.NewerSchema"/> is refused before anything is
/// written to it: the store checks the file before it switches it to WAL or creates a table. SQLite's own error, when there
/// is one, is the <see cref="Exception.InnerException"/>.
/// </remarks>
public sealed class SqliteStoreException : StoreException
{
    internal SqliteStoreException(string dataSource, SqliteStoreFailure reason, string attempted, string detail, Exception? innerException = null)
        : base(dataSource, attempted, $"Could not {attempted} (store file '{dataSource}'): {detail}. {AdviceFor(reason)}", innerException)
    {
        Reason = reason;
    }

    /// <summary>Gets why the file could not be used.</summary>
    public SqliteStoreFailure Reason { get; }

    private static string AdviceFor(SqliteStoreFailure reason) => reason switch
    {
        SqliteStoreFailure.Busy => "Nothing was written; retry later, or give SqliteEventStoreOptions.BusyTimeout a longer wait.",
        SqliteStoreFailure.ReadOnly => "Nothing was written; make the file and its folder writable (and open it without Mode=ReadOnly), or only read it.",
        SqliteStoreFailure.CannotOpen => "Nothing was read or written; check that the path names a file in an existing folder the app may write to.",
        SqliteStoreFailure.Damaged => "Nothing was written; restore the file from a backup or an archive (EventArchive), and run PRAGMA integrity_check on a copy to see the damage.",
        SqliteStoreFailure.Foreign => "Nothing was read or written and the file is left as it was; give the store its own file.",
        SqliteStoreFailure.NewerSchema => "Nothing was read or written and the file is left as it was; upgrade the app, or open the file with the release that wrote it.",
        _ => "Nothing was written by the failed call; free space or check the disk, then retry.",
    };
}
