using System;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Projections;

/// <summary>
/// One event of the global feed as a projection sees it: the stored envelope, and the domain event read
/// only when the projection asks for it (a projection that needs only the envelope never pays for JSON).
/// </summary>
public sealed class ProjectedEvent
{
    private readonly EventSerializer serializer;
    private IDomainEvent? read;

    /// <summary>Wraps a stored event.</summary>
    /// <param name="stored">The stored event.</param>
    /// <param name="serializer">The serializer that reads its payload.</param>
    public ProjectedEvent(StoredEvent stored, EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(serializer);
        Stored = stored;
        this.serializer = serializer;
    }

    /// <summary>Gets the envelope: stream, version, global position, wire name, payload, when and by whom.</summary>
    public StoredEvent Stored { get; }

    /// <summary>Reads the domain event (once; later calls return the same object).</summary>
    /// <returns>The domain event.</returns>
    /// <exception cref="UnreadableEventException">The event's type is unknown or its payload is damaged; the runner parks it.</exception>
    public IDomainEvent Deserialize() => read ??= serializer.Deserialize(Stored);
}
