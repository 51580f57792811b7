using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;

namespace CoProduction.Tests.Extensions;

/// <summary>What the test handlers saw, shared through the container.</summary>
internal sealed class Recorder
{
    private readonly ConcurrentQueue<(string Handler, long Position)> seen = new();

    public SemaphoreSlim Arrived { get; } = new(0);

    /// <summary>Positions at which the flaky handler throws (once each unless <see cref="FailForever"/>).</summary>
    public HashSet<long> FailAt { get; } = [];

    public bool FailForever { get; set; }

    public void Saw(string handler, long position)
    {
        seen.Enqueue((handler, position));
        Arrived.Release();
    }

    public IReadOnlyList<long> PositionsSeenBy(string handler) => [.. seen.Where(s => s.Handler == handler).Select(s => s.Position)];
}

internal sealed class RecordingHandler(Recorder recorder) : INotificationHandler
{
    public string Name => "recording";

    public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
    {
        recorder.Saw(Name, notification.Stored.Position);
        return ValueTask.CompletedTask;
    }
}

internal sealed class FlakyHandler(Recorder recorder) : INotificationHandler
{
    public string Name => "flaky";

    public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
    {
        lock (recorder.FailAt)
        {
            if (recorder.FailAt.Contains(notification.Stored.Position))
            {
                if (!recorder.FailForever)
                {
                    recorder.FailAt.Remove(notification.Stored.Position);
                }

                throw new InvalidOperationException("The mail server is down.");
            }
        }

        recorder.Saw(Name, notification.Stored.Position);
        return ValueTask.CompletedTask;
    }
}
