using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Access;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Projections;
using CoProduction.Scheduling;
using CoProduction.Streams;
using CoProduction.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Extensions;

namespace CoProduction.DependencyInjection;

/// <summary>Registers CoProduction in a <see cref="IServiceCollection"/>.</summary>
public static class CoProductionServiceCollectionExtensions
{
    /// <summary>Adds CoProduction with default options.</summary>
    /// <param name="services">The app's services.</param>
    /// <returns>A builder to choose the store and add notification handlers.</returns>
    /// <remarks>
    /// Registers, each only when the app has not registered its own: <see cref="IClock"/> (the app's
    /// <see cref="TimeProvider"/> when it registered one, else the system clock),
    /// <see cref="IDateTimeZoneProvider"/> (tzdb), the in-memory store, checkpoints and leases, the event serializer,
    /// a repository and a command runner (<see cref="Commands.IAggregateCommands{TAggregate}"/>) for every
    /// aggregate, <see cref="CycleCommands"/> with rules from the store, the notification dispatcher,
    /// the projection runner (with the stream index, <see cref="IStreamIndex"/>) and the background sweep as
    /// hosted services, the projection health check, and options with validation at start-up. Calling it
    /// again adds nothing twice.
    /// </remarks>
    public static CoProductionBuilder AddCoProduction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddValidatedOptions(services);
        return AddCore(services);
    }

    /// <summary>Adds CoProduction and configures its options in code.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets options; validated when the app starts.</param>
    /// <returns>A builder to choose the store and add notification handlers.</returns>
    public static CoProductionBuilder AddCoProduction(this IServiceCollection services, Action<CoProductionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddValidatedOptions(services).Configure(configure);
        return AddCore(services);
    }

    /// <summary>Adds CoProduction and binds its options from a configuration section.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configSectionPath">The section's path, for example <c>CoProduction</c>.</param>
    /// <returns>A builder to choose the store and add notification handlers.</returns>
    public static CoProductionBuilder AddCoProduction(this IServiceCollection services, string configSectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        var options = AddValidatedOptions(services);
        var marker = new BoundConfigurationSection(configSectionPath);
        if (!services.Any(d => d.ServiceType == typeof(BoundConfigurationSection) && marker.Equals(d.ImplementationInstance)))
        {
            services.AddSingleton(marker);
            options.BindConfiguration(configSectionPath);
        }

        return AddCore(services);
    }

    private static OptionsBuilder<CoProductionOptions> AddValidatedOptions(IServiceCollection services)
    {
        var options = services.AddOptions<CoProductionOptions>();
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<CoProductionOptions>) && d.ImplementationType == typeof(CoProductionOptionsValidator)))
        {
            // ValidateOnStart adds a registration per call: once is enough.
            options.ValidateOnStart();
        }

        return options;
    }

    private static CoProductionBuilder AddCore(IServiceCollection services)
    {
        services.TryAddSingleton<IClock>(sp => sp.GetService<TimeProvider>() is { } time ? time.ToClock() : SystemClock.Instance);
        services.TryAddSingleton(DateTimeZoneProviders.Tzdb);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CoProductionOptions>, CoProductionOptionsValidator>());

        services.TryAddSingleton<IEventStore, InMemoryEventStore>();
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IEventStoreReader), CoProductionBuilder.ForwardToStore));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IEventStoreWriter), CoProductionBuilder.ForwardToStore));
        services.TryAddSingleton<ICheckpointStore, InMemoryCheckpointStore>();
        services.TryAddSingleton<ILeaseStore, InMemoryLeaseStore>();
        services.TryAddSingleton<Privacy.IPersonalDataKeys, Privacy.InMemoryPersonalDataKeys>();
        services.TryAddSingleton(Serializer);
        services.TryAddSingleton(typeof(AggregateRepository<>));

        services.TryAddSingleton(sp => Policy(sp.GetRequiredService<IOptions<CoProductionOptions>>().Value));
        services.TryAddSingleton<ICommitteePolicies>(sp => new CommitteePolicyRegistry(sp.GetServices<CommitteePolicyRegistration>()));
        services.TryAddSingleton(sp => new ProtocolRulesSource(
            sp.GetRequiredService<AggregateSource>(), sp.GetRequiredService<ICommitteePolicies>(), sp.GetServices<WorkingDayCalendarRegistration>()));
        services.TryAddSingleton<IEthicsGateSource, StoreEthicsGateSource>();
        services.TryAddSingleton<ICycleRulesProvider, StoreCycleRulesProvider>();

        services.TryAddSingleton<ICurrentActor, NoCurrentActor>();
        services.TryAddSingleton<IAccessPolicy>(AccessPolicy.Default);
        services.TryAddSingleton(sp => new AccessGuard(
            sp, sp.GetRequiredService<AggregateSource>(), sp.GetRequiredService<IDateTimeZoneProvider>(), sp.GetRequiredService<IAccessPolicy>(), sp.GetService<ILogger<AccessGuard>>()));
        services.TryAddSingleton<NotificationSignal>();
        services.TryAddScoped(typeof(AggregateCommands<>));
        services.TryAddScoped(typeof(IAggregateCommands<>), typeof(AggregateCommands<>));
        services.TryAddSingleton(sp => new CommandRetry(sp.GetRequiredService<IOptionsMonitor<CoProductionOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddScoped(sp => new WorkflowCommands(
            sp.GetRequiredService<IEventStore>(),
            sp.GetRequiredService<EventSerializer>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<ICurrentActor>(),
            sp.GetRequiredService<NotificationSignal>(),
            sp.GetRequiredService<CommandRetry>(),
            sp.GetRequiredService<AccessGuard>(),
            Logger<WorkflowCommands>(sp)));
        services.TryAddScoped(sp => new AmendmentWorkflow(sp.GetRequiredService<WorkflowCommands>(), sp.GetRequiredService<ProtocolRulesSource>()));
        services.TryAddScoped(sp => new DeviationWorkflow(
            sp.GetRequiredService<WorkflowCommands>(), sp.GetRequiredService<ICycleRulesProvider>(), sp.GetRequiredService<ProtocolRulesSource>(), sp.GetRequiredService<IDateTimeZoneProvider>()));
        services.TryAddScoped(sp => new PersonalDataCommands(sp.GetRequiredService<IAggregateCommands<Sites.LearningSite>>(), sp.GetService<Privacy.PersonalDataProtector>()));
        services.TryAddScoped(sp => new ProtocolCommands(sp.GetRequiredService<IAggregateCommands<Protocols.Protocol>>(), sp.GetRequiredService<ProtocolRulesSource>()));
        services.TryAddScoped(sp => new CycleCommands(
            sp.GetRequiredService<AggregateCommands<Cycle>>(), sp.GetRequiredService<ICycleRulesProvider>(), sp.GetRequiredService<WorkflowCommands>(), sp.GetRequiredService<DeviationWorkflow>()));

        services.TryAddSingleton(sp => new NotificationDispatcher(
            sp.GetRequiredService<IEventStoreReader>(),
            sp.GetRequiredService<EventSerializer>(),
            sp.GetRequiredService<ICheckpointStore>(),
            sp.GetServices<INotificationHandler>(),
            sp.GetRequiredService<NotificationSignal>(),
            sp.GetRequiredService<IParkedEventStore>(),
            sp.GetRequiredService<ILeaseStore>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IOptionsMonitor<CoProductionOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger<NotificationDispatcher>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationDispatcher>(sp => sp.GetRequiredService<NotificationDispatcher>()));

        services.TryAddSingleton<InMemoryProjectionStore>();
        services.TryAddSingleton<IProjectionStore>(sp => sp.GetRequiredService<InMemoryProjectionStore>());
        services.TryAddSingleton<IParkedEventStore>(sp => sp.GetRequiredService<InMemoryProjectionStore>());
        services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<InMemoryProjectionStore>());
        services.TryAddSingleton(sp => new StreamCategories(
            StreamCategories.Library.Concat(sp.GetServices<StreamCategoryRegistration>().Select(r => (r.Category, r.AggregateType)))));
        services.TryAddSingleton(sp => new StreamIndex(sp.GetRequiredService<StreamCategories>()) { Store = sp.GetRequiredService<IDocumentStore>() });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProjection, StreamIndex>(sp => sp.GetRequiredService<StreamIndex>()));
        services.TryAddSingleton<IStreamIndex>(sp => sp.GetRequiredService<StreamIndex>());
        services.TryAddSingleton(sp => new ProjectionRunner(
            sp.GetRequiredService<IEventStoreReader>(),
            sp.GetRequiredService<EventSerializer>(),
            sp.GetRequiredService<IProjectionStore>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IParkedEventStore>(),
            sp.GetServices<IProjection>(),
            sp.GetRequiredService<NotificationSignal>(),
            sp.GetRequiredService<IOptionsMonitor<CoProductionOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<IClock>(),
            Logger<ProjectionRunner>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProjectionRunner>(sp => sp.GetRequiredService<ProjectionRunner>()));
        // The command side's cache of aggregates kept current with only their new events (the gate's protocols, rosters).
        services.TryAddSingleton(sp => new AggregateSource(sp.GetRequiredService<IEventStoreReader>(), sp.GetRequiredService<EventSerializer>()));
        ReadModels.ReadModelServices.Add(services);
        services.TryAddSingleton(sp => new ProjectionHealthCheck(
            sp.GetRequiredService<ProjectionRunner>(), sp.GetRequiredService<IOptionsMonitor<CoProductionOptions>>()));

        services.TryAddSingleton(sp => Reminders(sp.GetRequiredService<IOptions<CoProductionOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderSource, StoreReminderSource>());
        services.TryAddSingleton<ProtocolSweep>();
        services.TryAddSingleton(sp => new SweepService(
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<ProtocolSweep>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetServices<IReminderSource>(),
            sp.GetServices<IReminderHandler>(),
            sp.GetRequiredService<ICheckpointStore>(),
            sp.GetRequiredService<ILeaseStore>(),
            sp.GetRequiredService<ReminderPolicy>(),
            sp.GetRequiredService<IOptionsMonitor<CoProductionOptions>>(),
            Logger<SweepService>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SweepService>(sp => sp.GetRequiredService<SweepService>()));

        return new CoProductionBuilder(services);
    }

    private static ReminderPolicy Reminders(CoProductionOptions options) => ReminderPolicy.Default with
    {
        LeadDays = options.ReminderLeadTimeDays.Count == 0 ? ReminderPolicy.Default.LeadDays : [.. options.ReminderLeadTimeDays],
        NotEngagedDays = options.CoreManagerEngagementDays,
    };

    private static EventSerializer Serializer(IServiceProvider services)
    {
        var changes = services.GetServices<EventRegistryConfiguration>().ToList();
        var zones = services.GetRequiredService<IDateTimeZoneProvider>();
        var protector = services.GetService<Privacy.PersonalDataProtector>();
        if (changes.Count == 0 && ReferenceEquals(zones, DateTimeZoneProviders.Tzdb) && protector is null)
        {
            return EventSerializer.Default;
        }

        var registry = new EventTypeRegistry { ZoneProvider = zones };
        foreach (var change in changes)
        {
            change.Configure(registry);
        }

        return new EventSerializer(registry, protector);
    }

    private static CyclePolicy Policy(CoProductionOptions options) => new()
    {
        RequireCollectiveEndorsement = options.RequireCollectiveEndorsement,
        RequireManagerAtReflection = options.RequireManagerAtReflection,
        OutOfApprovalActions = options.OutOfApprovalActions,
    };

    private static ILogger<T> Logger<T>(IServiceProvider services)
        => services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
