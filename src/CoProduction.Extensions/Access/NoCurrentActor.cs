namespace CoProduction.Commands;

/// <summary>The default <see cref="ICurrentActor"/>: no one, so a command that names no actor is refused with <see cref="CoProduction.Access.AccessDeniedException"/>.</summary>
internal sealed class NoCurrentActor : ICurrentActor
{
    public Actor Current => default;
}
