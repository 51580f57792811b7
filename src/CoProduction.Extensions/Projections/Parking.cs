using System;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Projections;

/// <summary>Builds the parked entry for an event a subscriber failed on, the one way projections and handlers do.</summary>
internal static class Parking
{
    public static ParkedEvent Of(string subscriber, StoredEvent stored, Exception error, Instant at)
    {
        // The projection's wrapper says which projection failed; the entry keeps what the projection itself threw.
        var cause = error is ProjectionFailedException { InnerException: { } inner } ? inner : error;
        return new ParkedEvent(
            subscriber, stored.Position, stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion,
            cause.Message, cause.GetType().FullName ?? cause.GetType().Name, at);
    }
}
