using NodaTime;

namespace CoProduction.Events;

/// <summary>
/// A fact in the past tense, recorded when a command was accepted. State is the fold of these facts.
/// </summary>
/// <remarks>
/// Every concrete event type is an immutable record carrying <see cref="EventNameAttribute"/>, whose
/// wire name is what the stores keep, so renaming the CLR type never breaks stored data.
/// </remarks>
public interface IDomainEvent
{
    /// <summary>Gets when the command was accepted, from the injected <see cref="IClock"/>.</summary>
    Instant At { get; }

    /// <summary>Gets who issued the command.</summary>
    Actor By { get; }
}
