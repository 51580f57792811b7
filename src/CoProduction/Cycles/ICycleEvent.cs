using CoProduction.Events;

namespace CoProduction.Cycles;

/// <summary>A fact about an action-learning cycle; the cycle's state is the fold of these.</summary>
public interface ICycleEvent : IDomainEvent
{
}
