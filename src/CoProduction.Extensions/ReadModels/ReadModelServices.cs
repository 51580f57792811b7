using System.Diagnostics.CodeAnalysis;
using CoProduction.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the read models the library ships: each a projection every store keeps, and its query service.</summary>
internal static class ReadModelServices
{
    /// <summary>Adds every library read model; <c>AddCoProduction</c> calls it.</summary>
    public static void Add(IServiceCollection services)
    {
        // One line per read model (its own file registers its projection and queries):
        CycleRegisterServices.Add(services);
        SiteBoardServices.Add(services);
        AgendaServices.Add(services);
        DeviationRegisterServices.Add(services);
        ProtocolRegisterServices.Add(services);
        ProgrammeComparisonServices.Add(services);
        AuditTrailServices.Add(services);
        LedgerServices.Add(services);
    }

    /// <summary>Registers a library projection once, as itself and as an <see cref="IProjection"/> the runner keeps up to date.</summary>
    public static void AddProjection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProjection>(IServiceCollection services)
        where TProjection : class, IProjection
    {
        services.TryAddSingleton<TProjection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProjection, TProjection>(sp => sp.GetRequiredService<TProjection>()));
    }
}
