using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Notifications;

/// <summary>
/// Wakes the background services that follow the feed (the notification dispatcher, the projection runner)
/// when this app commits events, so they need not wait for the poll. Each service listens on its own
/// <see cref="Listener"/>: one commit wakes every one of them.
/// </summary>
internal sealed class NotificationSignal
{
    private readonly Lock gate = new();
    private readonly List<Listener> listeners = [];

    /// <summary>Says that events were committed; several signals before a listener's next wait count once.</summary>
    public void Notify()
    {
        lock (gate)
        {
            foreach (var listener in listeners)
            {
                listener.Notify();
            }
        }
    }

    /// <summary>Starts listening: signals from now on are kept for the listener until it waits.</summary>
    public Listener Listen()
    {
        var listener = new Listener();
        lock (gate)
        {
            listeners.Add(listener);
        }

        return listener;
    }

    /// <summary>One service's view of the signal.</summary>
    internal sealed class Listener
    {
        private readonly SemaphoreSlim pending = new(0, 1);

        internal void Notify()
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
}
