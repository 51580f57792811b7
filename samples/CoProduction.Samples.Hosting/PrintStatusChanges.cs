using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;

namespace CoProduction.Samples.Hosting;

/// <summary>Prints every status change as it is committed: one line per event, in the store's global order.</summary>
/// <remarks>Delivery is at least once: a real handler (mail, chat, a dashboard) should be idempotent, keyed by the event's stream and version.</remarks>
public sealed class PrintStatusChanges : INotificationHandler
{
    /// <inheritdoc/>
    public string Name => "print-status-changes";   // the key of its checkpoint: keep it stable

    /// <inheritdoc/>
    public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var e = notification.Stored;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [{e.Position,3}] {e.RecordedAt:uuuu-MM-dd HH:mm}  {e.Stream,-28} v{e.Version,-2} {e.EventName,-32} by {e.Actor}"));
        return ValueTask.CompletedTask;
    }
}
