using System.Globalization;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// The database file was written by a newer release of the store (its schema version is higher than
/// this code knows). Nothing was read or written; upgrade the app, or open a copy with the release that wrote it.
/// </summary>
public sealed class SqliteSchemaException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The database file.</param>
    /// <param name="foundVersion">The schema version recorded in the file.</param>
    /// <param name="supportedVersion">The highest schema version this code knows.</param>
    public SqliteSchemaException(string dataSource, long foundVersion, long supportedVersion)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot use the event store '{dataSource}': its schema version is {foundVersion} and this code knows up to {supportedVersion}. It was written by a newer release; upgrade the app before opening it."))
    {
        DataSource = dataSource;
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Gets the database file.</summary>
    public string DataSource { get; }

    /// <summary>Gets the schema version recorded in the file.</summary>
    public long FoundVersion { get; }

    /// <summary>Gets the highest schema version this code knows.</summary>
    public long SupportedVersion { get; }
}
