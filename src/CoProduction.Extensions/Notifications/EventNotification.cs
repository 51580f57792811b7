using System.Globalization;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Notifications;

/// <summary>A committed event offered to a <see cref="INotificationHandler"/>.</summary>
/// <param name="Stored">The envelope: stream, version, global position, wire name, when and by whom.</param>
/// <param name="Event">The event itself.</param>
/// <param name="Handler">The name of the handler it is offered to.</param>
public sealed record EventNotification(StoredEvent Stored, IDomainEvent Event, string Handler)
{
    /// <summary>
    /// Gets the delivery's stable id, <c>{handler}/{global position}</c>: the same on every redelivery of this event to
    /// this handler (after a crash, in another process), different for every other event or handler. Pass it on as the
    /// idempotency key of the effect (a mail's Message-ID, a webhook's id) so the receiver drops a repeat.
    /// </summary>
    public string DeliveryId => Handler + "/" + Stored.Position.ToString(CultureInfo.InvariantCulture);
}
