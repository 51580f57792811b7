using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the ledger: its projection and <see cref="ILedger"/>.</summary>
internal static class LedgerServices
{
    /// <summary>Adds the projection and the query service, once; <see cref="ReadModelServices.Add"/> calls it.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<LedgerProjection>(services);
        services.TryAddSingleton<ILedger, LedgerQueries>();
    }
}
