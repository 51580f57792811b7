using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the cycle register: its projection and <see cref="ICycleRegister"/>.</summary>
internal static class CycleRegisterServices
{
    /// <summary>Adds the register; <see cref="ReadModelServices.Add"/> calls it.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<CycleRegisterProjection>(services);
        services.TryAddSingleton<ICycleRegister, CycleRegister>();
    }
}
