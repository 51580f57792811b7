using System;
using System.Collections.Generic;

namespace CoProduction.Events;

/// <summary>Reads the creating event every aggregate history must open with, checked against the stream it was read from.</summary>
internal static class HistoryStart
{
    /// <summary>The first event of <paramref name="history"/>, which must be a <typeparamref name="TFirst"/> naming the aggregate of <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidHistoryException">The history is empty, opens with another event, or belongs to another stream.</exception>
    internal static TFirst Require<TFirst>(StreamId stream, IReadOnlyList<IDomainEvent> history, Func<TFirst, StreamId> streamOf)
        where TFirst : class, IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || history[0] is not TFirst first)
        {
            throw new InvalidHistoryException(
                $"stream '{stream}'", 1, history.Count == 0 ? "nothing" : history[0]?.GetType().Name ?? "null", $"the history starts with {typeof(TFirst).Name}.");
        }

        var expected = streamOf(first);
        return expected == stream
            ? first
            : throw new InvalidHistoryException(
                $"stream '{stream}'", 1, typeof(TFirst).Name, $"it creates the aggregate of stream '{expected}'.");
    }
}
