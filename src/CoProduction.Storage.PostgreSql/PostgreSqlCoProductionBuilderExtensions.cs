using System;
using CoProduction.DependencyInjection;
using CoProduction.Notifications;
using CoProduction.Privacy;
using CoProduction.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoProduction.Storage.PostgreSql;

/// <summary>Chooses the PostgreSQL event store in <c>AddCoProduction(...)</c>.</summary>
public static class PostgreSqlCoProductionBuilderExtensions
{
    /// <summary>The connection string's name in configuration: <c>ConnectionStrings:CoProduction</c>.</summary>
    public const string ConnectionStringName = "CoProduction";

    /// <summary>
    /// Keeps events in PostgreSQL, and in the same schema the notification checkpoints, the leases that elect the one
    /// instance delivering notifications and the one sweeping, the document read models with their checkpoints, the
    /// parked events and the key table of personal data (<c>ProtectPersonalData()</c>). The connection string is <c>ConnectionStrings:CoProduction</c> from the app's configuration, unless
    /// <paramref name="configure"/> sets one; the options are validated when the app starts. Every instance listens on
    /// the database's notifications, so a commit in one wakes the dispatcher and projection runner of all.
    /// </summary>
    /// <param name="builder">The builder from <c>AddCoProduction(...)</c>.</param>
    /// <param name="configure">Changes the options after configuration is read (connection string, schema, timeout, retries).</param>
    /// <returns>The builder.</returns>
    public static CoProductionBuilder UsePostgreSqlStore(this CoProductionBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Use(builder, configure);
    }

    /// <summary>
    /// Keeps events and everything beside them in PostgreSQL, at the connection string <c>ConnectionStrings:CoProduction</c>
    /// of the app's configuration (see <see cref="UsePostgreSqlStore(CoProductionBuilder, Action{PostgreSqlStoreOptions})"/>),
    /// validated when the app starts.
    /// </summary>
    /// <param name="builder">The builder from <c>AddCoProduction(...)</c>.</param>
    /// <returns>The builder.</returns>
    public static CoProductionBuilder UsePostgreSqlStore(this CoProductionBuilder builder) => Use(builder, null);

    private static CoProductionBuilder Use(CoProductionBuilder builder, Action<PostgreSqlStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PostgreSqlStoreOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString) && sp.GetService<IConfiguration>() is { } configuration)
                {
                    o.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
                }
            });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        options.ValidateOnStart();

        // One pool per container, shared by every store; disposing the provider closes it.
        services.TryAddSingleton(sp => new PostgreSqlDatabase(sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));
        services.RemoveAll<PostgreSqlEventStore>();
        services.AddSingleton(sp => new PostgreSqlEventStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        builder.UseStore(sp => sp.GetRequiredService<PostgreSqlEventStore>());
        services.RemoveAll<ICheckpointStore>();
        services.AddSingleton<ICheckpointStore>(sp => new PostgreSqlCheckpointStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.RemoveAll<ILeaseStore>();
        services.AddSingleton<ILeaseStore>(sp => new PostgreSqlLeaseStore(sp.GetRequiredService<PostgreSqlDatabase>()));

        services.RemoveAll<PostgreSqlProjectionStore>();
        services.RemoveAll<IProjectionStore>();
        services.RemoveAll<IParkedEventStore>();
        services.RemoveAll<IDocumentStore>();
        services.AddSingleton(sp => new PostgreSqlProjectionStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.AddSingleton<IProjectionStore>(sp => sp.GetRequiredService<PostgreSqlProjectionStore>());
        services.AddSingleton<IParkedEventStore>(sp => sp.GetRequiredService<PostgreSqlProjectionStore>());
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<PostgreSqlProjectionStore>());

        services.RemoveAll<PostgreSqlPersonalDataKeys>();
        services.RemoveAll<IPersonalDataKeys>();
        services.AddSingleton(sp => new PostgreSqlPersonalDataKeys(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.AddSingleton<IPersonalDataKeys>(sp => sp.GetRequiredService<PostgreSqlPersonalDataKeys>());

        services.TryAddSingleton(sp => new PostgreSqlFeedListener(
            sp.GetRequiredService<PostgreSqlDatabase>(),
            sp.GetRequiredService<NotificationSignal>(),
            sp.GetService<ILogger<PostgreSqlFeedListener>>() ?? NullLogger<PostgreSqlFeedListener>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlFeedListener>(sp => sp.GetRequiredService<PostgreSqlFeedListener>()));
        return builder;
    }

    /// <summary>Keeps events and everything beside them in PostgreSQL, at this connection string (see <see cref="UsePostgreSqlStore(CoProductionBuilder, Action{PostgreSqlStoreOptions})"/>).</summary>
    /// <param name="builder">The builder from <c>AddCoProduction(...)</c>.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or blank.</exception>
    public static CoProductionBuilder UsePostgreSqlStore(this CoProductionBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSqlStore(o => o.ConnectionString = connectionString);
    }
}

/// <summary>Validates <see cref="PostgreSqlStoreOptions"/> when the app starts: every problem, one sentence each.</summary>
internal sealed class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        var problems = PostgreSqlDatabase.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
