using System;
using CoProduction.Notifications;
using CoProduction.Privacy;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CoProduction.DependencyInjection;

namespace CoProduction.Storage.Sqlite;

/// <summary>Chooses the SQLite event store in <c>AddCoProduction(...)</c>.</summary>
public static class SqliteCoProductionBuilderExtensions
{
    /// <summary>
    /// Keeps events in one SQLite file (created on first use), and in the same file the notification checkpoints
    /// (so a restarted app catches up on what its handlers missed), the leases that elect the one process delivering
    /// notifications and the one sweeping (<see cref="SqliteLeaseStore"/>), the projections' models and checkpoints
    /// (<see cref="SqliteProjectionStore"/>, which also keeps every document read model, the stream index included) and the parked events.
    /// </summary>
    /// <param name="builder">The builder from <c>AddCoProduction(...)</c>.</param>
    /// <param name="path">The database file's path, for example <c>kilifi.db</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or blank.</exception>
    public static CoProductionBuilder UseSqliteStore(this CoProductionBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.UseSqliteStore(options => options.Path = path);
    }

    /// <summary>
    /// Keeps events in one SQLite file described by the options (path or connection string, busy timeout),
    /// and in the same file the notification checkpoints, the leases, the projections' models, the parked events and the stream index.
    /// </summary>
    /// <param name="builder">The builder from <c>AddCoProduction(...)</c>.</param>
    /// <param name="configure">Sets the store's options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The options give neither a path nor a connection string, or a negative busy timeout.</exception>
    public static CoProductionBuilder UseSqliteStore(this CoProductionBuilder builder, Action<SqliteEventStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteEventStoreOptions();
        configure(options);
        _ = SqliteEventStore.PoolFor(options);   // checks the options now; opens nothing

        // Created by the container (once per provider), so disposing the provider closes their connections.
        builder.Services.RemoveAll<SqliteEventStore>();
        builder.Services.AddSingleton(_ => new SqliteEventStore(options));
        builder.UseStore(sp => sp.GetRequiredService<SqliteEventStore>());
        builder.Services.RemoveAll<ICheckpointStore>();
        builder.Services.AddSingleton<ICheckpointStore>(_ => new SqliteCheckpointStore(options));
        builder.Services.RemoveAll<ILeaseStore>();
        builder.Services.AddSingleton<ILeaseStore>(_ => new SqliteLeaseStore(options));

        builder.Services.RemoveAll<SqliteProjectionStore>();
        builder.Services.RemoveAll<IProjectionStore>();
        builder.Services.RemoveAll<IParkedEventStore>();
        builder.Services.RemoveAll<IDocumentStore>();
        builder.Services.AddSingleton(_ => new SqliteProjectionStore(options));
        builder.Services.AddSingleton<IProjectionStore>(sp => sp.GetRequiredService<SqliteProjectionStore>());
        builder.Services.AddSingleton<IParkedEventStore>(sp => sp.GetRequiredService<SqliteProjectionStore>());
        builder.Services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<SqliteProjectionStore>());
        builder.Services.RemoveAll<IPersonalDataKeys>();
        builder.Services.AddSingleton<IPersonalDataKeys>(_ => new SqlitePersonalDataKeys(options));
        return builder;
    }
}
