using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the programme comparison: its projection and <see cref="IProgrammeComparison"/>.</summary>
internal static class ProgrammeComparisonServices
{
    /// <summary>Adds the projection and the query service, once.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<ProgrammeComparisonProjection>(services);
        services.TryAddSingleton<IProgrammeComparison, ProgrammeComparisonQueries>();
    }
}
