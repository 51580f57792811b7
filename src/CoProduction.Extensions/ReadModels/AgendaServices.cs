using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the agenda: its projection and <see cref="IAgenda"/>.</summary>
internal static class AgendaServices
{
    /// <summary>Adds the agenda's projection and queries.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<AgendaProjection>(services);
        services.TryAddSingleton<AgendaQueries>();
        services.TryAddSingleton<IAgenda>(sp => sp.GetRequiredService<AgendaQueries>());
    }
}
