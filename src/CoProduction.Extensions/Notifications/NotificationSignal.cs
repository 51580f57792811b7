using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Notifications;

/// <summary>Wakes the notification dispatcher when this app commits events, so handlers need not wait for the poll.</summary>
internal sealed class NotificationSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    /// <summary>Says that events were committed; several signals before the next wait count once.</summary>
    public void Notify()
    {
        try
        {
            if (pending.CurrentCount == 0)
            {
                pending.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another thread signalled first: one pending signal is enough.
        }
    }

    /// <summary>Waits for a signal, or until the token is cancelled (the poll interval or the app stopping).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.OperationCanceledException)
        {
            // The poll interval passed, or the app is stopping: the caller looks at its own token.
        }
    }
}
