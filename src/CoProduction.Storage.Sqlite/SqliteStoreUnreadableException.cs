using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// The file given to the store is not a SQLite database, or is damaged beyond SQLite's reading.
/// Nothing was read or written; point the store at its own file, or restore the file from an archive.
/// </summary>
public sealed class SqliteStoreUnreadableException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The file.</param>
    /// <param name="innerException">SQLite's own error.</param>
    public SqliteStoreUnreadableException(string dataSource, SqliteException innerException)
        : base(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Cannot use the event store '{dataSource}': the file is not a SQLite database or is damaged (SQLite error {innerException?.SqliteErrorCode}). Nothing was read or written; give the store its own file, or restore this one from an archive."),
            innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        DataSource = dataSource;
    }

    /// <summary>Gets the file.</summary>
    public string DataSource { get; }
}
