using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;

namespace CoProduction.Sweeps;

/// <summary>
/// Knows every stream in the store, read incrementally in global order (the whole store once, then only
/// what is new), so a sweep can list the aggregates of a category without a query the store lacks.
/// </summary>
internal sealed class StreamCatalogue(IEventStoreReader store)
{
    private const int BatchSize = 1000;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<StreamId> streams = [];
    private long position;

    public async Task<IReadOnlyList<StreamId>> StreamsAsync(string category, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var batch = await store.ReadAllAsync(position, BatchSize, cancellationToken).ConfigureAwait(false);
                foreach (var stored in batch)
                {
                    streams.Add(stored.Stream);
                    position = stored.Position;
                }

                if (batch.Count < BatchSize)
                {
                    break;
                }
            }

            var prefix = category + "-";
            return [.. streams.Where(s => s.Value.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(s => s.Value, StringComparer.Ordinal)];
        }
        finally
        {
            gate.Release();
        }
    }
}
