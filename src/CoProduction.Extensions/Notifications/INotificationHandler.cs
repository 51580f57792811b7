using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Notifications;

/// <summary>
/// Receives committed events after they are stored: "tell me on every status change". Delivery
/// is at least once and in global order, by one process at a time (the one holding the dispatcher's lease);
/// the checkpoint is stored after every event, so a crash offers a handler again at most the one event it
/// was handling, with the same <see cref="EventNotification.DeliveryId"/>. A handler that throws is logged,
/// keeps its checkpoint before the failed event, and is offered it again on the next pass.
/// </summary>
public interface INotificationHandler
{
    /// <summary>Gets the handler's stable name, under which its checkpoint is kept. Renaming it replays history to it.</summary>
    string Name { get; }

    /// <summary>
    /// Handles one committed event. Must be idempotent: the event may arrive again after a crash; pass
    /// <see cref="EventNotification.DeliveryId"/> on as the effect's idempotency key.
    /// </summary>
    /// <param name="notification">The stored envelope and the event.</param>
    /// <param name="cancellationToken">Cancelled when the app stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken);
}
