
namespace CoProduction.Commands;

/// <summary>The default <see cref="ICurrentActor"/>: every command is issued by <see cref="Actor.System"/>.</summary>
internal sealed class SystemActor : ICurrentActor
{
    public Actor Current => Actor.System;
}
