using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;

namespace CoProduction.Sweeps;

/// <summary>
/// Which streams changed between two sweeps: the streams of the feed's events after the position the last read
/// reached, so a sweep re-plans what changed instead of everything. Not thread-safe: one sweep reads it at a time.
/// </summary>
internal sealed class StreamChanges(IEventStoreReader store)
{
    /// <summary>Past this many events since the last read, a sweep plans everything again rather than read them all.</summary>
    public const int MostEvents = 10_000;

    private const int Page = 1_000;

    private long reached = -1;

    /// <summary>
    /// The streams with events after the last read's position, up to <paramref name="position"/>; <see langword="null"/>
    /// when there was no last read (the first, or after <see cref="Forget"/>) or more than <see cref="MostEvents"/>
    /// events came since, for the caller to plan everything. Either way the next read starts at <paramref name="position"/>.
    /// </summary>
    /// <param name="position">The store's position the caller's read models have reached.</param>
    /// <param name="cancellationToken">Cancels the read; the last read's position is kept.</param>
    /// <returns>The changed streams, or <see langword="null"/>.</returns>
    public async ValueTask<HashSet<StreamId>?> SinceLastAsync(long position, CancellationToken cancellationToken)
    {
        var from = reached;
        if (from < 0 || position - from > MostEvents)
        {
            reached = position;
            return null;
        }

        var changed = new HashSet<StreamId>();
        while (from < position)
        {
            var events = await store.ReadAllAsync(from, Page, cancellationToken).ConfigureAwait(false);
            foreach (var e in events)
            {
                if (e.Position > position)
                {
                    break;
                }

                changed.Add(e.Stream);
                from = e.Position;
            }

            if (events.Count < Page || events[^1].Position > position)
            {
                break;
            }
        }

        reached = position;
        return changed;
    }

    /// <summary>Forgets the last read: the next one answers <see langword="null"/> (after a failed sweep, for example).</summary>
    public void Forget() => reached = -1;
}
