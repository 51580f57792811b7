using System;
using System.Globalization;
using CoProduction.Persistence;

namespace CoProduction.Projections;

/// <summary>
/// A projection could not read or apply one event of a batch. The projection store changed nothing: the
/// batch's model changes and checkpoint were rolled back together. The runner then applies the events
/// before this one, parks this one and goes on.
/// </summary>
public sealed class ProjectionFailedException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="projection">The projection's name.</param>
    /// <param name="event">The event it failed on.</param>
    /// <param name="innerException">What the projection threw.</param>
    public ProjectionFailedException(string projection, StoredEvent @event, Exception innerException)
        : base(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Projection '{projection}' failed on event {@event?.Position} ('{@event?.EventName}', stream '{@event?.Stream}'): {innerException?.Message} Nothing of the batch was kept."),
            innerException)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(innerException);
        Projection = projection;
        Event = @event;
    }

    /// <summary>Gets the projection's name.</summary>
    public string Projection { get; }

    /// <summary>Gets the event the projection failed on.</summary>
    public StoredEvent Event { get; }
}
