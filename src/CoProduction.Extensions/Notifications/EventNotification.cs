using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Notifications;

/// <summary>A committed event offered to a <see cref="INotificationHandler"/>.</summary>
/// <param name="Stored">The envelope: stream, version, global position, wire name, when and by whom.</param>
/// <param name="Event">The event itself.</param>
public sealed record EventNotification(StoredEvent Stored, IDomainEvent Event);
