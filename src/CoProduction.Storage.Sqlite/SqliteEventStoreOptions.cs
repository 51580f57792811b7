using System;

namespace CoProduction.Storage.Sqlite;

/// <summary>Where and how the SQLite event store keeps its file.</summary>
public sealed class SqliteEventStoreOptions
{
    /// <summary>Gets or sets the database file's path; used when <see cref="ConnectionString"/> is not set.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Gets or sets a full Microsoft.Data.Sqlite connection string, for settings beyond the path. When set,
    /// <see cref="Path"/> is ignored.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets how long an operation waits for another connection or process holding the write lock
    /// before failing; 30 seconds by default.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
