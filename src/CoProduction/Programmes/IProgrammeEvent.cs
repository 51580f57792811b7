using CoProduction.Events;

namespace CoProduction.Programmes;

/// <summary>An event in the history of a <see cref="Programme"/>.</summary>
public interface IProgrammeEvent : IDomainEvent
{
    /// <summary>Gets the programme the event belongs to.</summary>
    ProgrammeId Programme { get; }
}
