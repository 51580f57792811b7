using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;

namespace CoProduction.Tests.Persistence;

/// <summary>The two laws every aggregate's generated histories are held to: replay gives the live state, and so does the stored JSON.</summary>
internal static class AggregateLaws
{
    /// <summary>Rehydrating <paramref name="history"/> gives the live aggregate's state and version.</summary>
    public static bool ReplayGivesTheLiveState<T, TState>(T live, IReadOnlyList<IDomainEvent> history, Func<T, TState> state)
        where T : IEventSourcedAggregate<T>
    {
        var replayed = T.Rehydrate(live.StreamId, history);
        return EqualityComparer<TState>.Default.Equals(state(replayed), state(live)) && replayed.Version == live.Version;
    }

    /// <summary>The history survives the store's serializer event by event, and rehydrating what came back gives the live state.</summary>
    public static bool TheStoredJsonGivesTheLiveState<T, TState>(T live, IReadOnlyList<IDomainEvent> history, Func<T, TState> state)
        where T : IEventSourcedAggregate<T>
    {
        var back = StoredJson.RoundTrip(history);
        return back.SequenceEqual(history) && EqualityComparer<TState>.Default.Equals(state(T.Rehydrate(live.StreamId, back)), state(live));
    }
}
