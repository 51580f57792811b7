using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>Registers the protocol register and its queries.</summary>
internal static class ProtocolRegisterServices
{
    /// <summary>Adds the <see cref="ProtocolRegister"/> projection and <see cref="IProtocolRegister"/>.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<ProtocolRegister>(services);
        services.TryAddSingleton<IProtocolRegister, ProtocolRegisterQueries>();
    }
}
