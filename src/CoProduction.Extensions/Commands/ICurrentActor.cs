
namespace CoProduction.Commands;

/// <summary>
/// Says who issues commands when a call names no actor: register your own (scoped, for example from
/// the signed-in user) to replace the default, which is <see cref="Actor.System"/>.
/// </summary>
public interface ICurrentActor
{
    /// <summary>Gets the actor of the current command.</summary>
    Actor Current { get; }
}
