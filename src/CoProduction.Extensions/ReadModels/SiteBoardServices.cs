using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the site board: its projection and <see cref="ISiteBoard"/>.</summary>
internal static class SiteBoardServices
{
    /// <summary>Adds the board; <see cref="ReadModelServices.Add"/> calls it.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<SiteBoardProjection>(services);
        services.TryAddSingleton<SiteBoard>();
        services.TryAddSingleton<ISiteBoard>(sp => sp.GetRequiredService<SiteBoard>());
    }
}
