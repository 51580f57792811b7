using System;

namespace CoProduction.Storage.PostgreSql;

/// <summary>Which PostgreSQL database and schema the store uses, and how long it waits and retries.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The schema the store uses when none is given.</summary>
    public const string DefaultSchema = "coproduction";

    /// <summary>
    /// Gets or sets the Npgsql connection string, for example
    /// <c>Host=db.example.org;Database=programme;Username=app;Password=...</c>. Required; bound from
    /// <c>ConnectionStrings:CoProduction</c> by <c>UsePostgreSqlStore()</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the schema (namespace) that holds the store's tables; <see cref="DefaultSchema"/> by default. Lower-case
    /// letters, digits and underscores, starting with a letter or an underscore, at most 63 characters: several stores (or
    /// several programmes) may share one database, each in its own schema.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Gets or sets how long one statement may run (waiting for a lock included) before it fails as a timeout; 30 seconds by default.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how many times a call is tried again after a transient failure (a dropped connection, a server
    /// restarting, a deadlock, too many connections) before the failure is thrown; 3 by default, 0 to never retry.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the wait before the first retry; it doubles before each later one. 100 milliseconds by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
