using NodaTime;

namespace CoProduction.Projections;

/// <summary>
/// An event a projection or a notification handler could not read or apply. It was set aside so the rest
/// of the feed goes on; it stays listed until the subscriber is rebuilt or the event is retried.
/// </summary>
/// <param name="Subscriber">The projection's or handler's name.</param>
/// <param name="Position">The event's global position.</param>
/// <param name="Stream">The stream holding the event.</param>
/// <param name="StreamVersion">The event's version in its stream.</param>
/// <param name="EventName">The stored wire name.</param>
/// <param name="SchemaVersion">The stored schema version.</param>
/// <param name="Reason">What went wrong: the error's message.</param>
/// <param name="ErrorType">The error's type, for example <c>CoProduction.Persistence.UnknownEventTypeException</c>.</param>
/// <param name="ParkedAt">When the event was parked.</param>
public sealed record ParkedEvent(
    string Subscriber,
    long Position,
    StreamId Stream,
    long StreamVersion,
    string EventName,
    int SchemaVersion,
    string Reason,
    string ErrorType,
    Instant ParkedAt);
