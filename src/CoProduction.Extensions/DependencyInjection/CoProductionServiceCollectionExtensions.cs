using System;
using CoProduction.Notifications;
using CoProduction.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Extensions;

namespace CoProduction;

/// <summary>Registers CoProduction in a <see cref="IServiceCollection"/>.</summary>
public static class CoProductionServiceCollectionExtensions
{
    /// <summary>Adds CoProduction with default options.</summary>
    /// <param name="services">The app's services.</param>
    /// <returns>A builder to choose the store and add notification handlers.</returns>
    /// <remarks>
    /// Registers, each only when the app has not registered its own: <see cref="IClock"/> (the app's
    /// <see cref="TimeProvider"/> when it registered one, else the system clock),
    /// <see cref="IDateTimeZoneProvider"/> (tzdb), the in-memory store, checkpoints, options with
    /// validation at start-up. Calling it again adds nothing twice.
    /// </remarks>
    public static CoProductionBuilder AddCoProduction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CoProductionOptions>().ValidateOnStart();
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
        services.AddOptions<CoProductionOptions>().Configure(configure).ValidateOnStart();
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
        services.AddOptions<CoProductionOptions>().BindConfiguration(configSectionPath).ValidateOnStart();
        return AddCore(services);
    }

    private static CoProductionBuilder AddCore(IServiceCollection services)
    {
        services.TryAddSingleton<IClock>(sp => sp.GetService<TimeProvider>() is { } time ? time.ToClock() : SystemClock.Instance);
        services.TryAddSingleton(DateTimeZoneProviders.Tzdb);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CoProductionOptions>, CoProductionOptionsValidator>());

        services.TryAddSingleton<IEventStore, InMemoryEventStore>();
        services.TryAddSingleton<IEventStoreReader>(sp => sp.GetRequiredService<IEventStore>());
        services.TryAddSingleton<IEventStoreWriter>(sp => sp.GetRequiredService<IEventStore>());
        services.TryAddSingleton<ICheckpointStore, InMemoryCheckpointStore>();

        return new CoProductionBuilder(services);
    }
}
