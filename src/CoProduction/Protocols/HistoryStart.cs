using System;
using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Protocols;

/// <summary>Reads the creating event that every history of an aggregate must start with.</summary>
internal static class HistoryStart
{
    internal static TFirst Require<TFirst>(StreamId stream, IReadOnlyList<IDomainEvent> history, string eventName)
        where TFirst : class, IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Count != 0 && history[0] is TFirst first
            ? first
            : throw new InvalidHistoryException(
                $"stream '{stream}'", 1, history.Count == 0 ? "none" : history[0]?.GetType().Name ?? "null", $"the history must start with {eventName}.");
    }
}
