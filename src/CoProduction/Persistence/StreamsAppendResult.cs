using System.Collections.Generic;

namespace CoProduction.Persistence;

/// <summary>The outcome of an atomic write to several streams.</summary>
/// <param name="Streams">Each stream's outcome, in the order of the write's parts.</param>
/// <param name="WasDuplicate">
/// <see langword="true"/> when the command id had already been written: nothing was written, and
/// <paramref name="Streams"/> gives what the first write recorded.
/// </param>
public sealed record StreamsAppendResult(IReadOnlyList<AppendResult> Streams, bool WasDuplicate)
{
    /// <summary>Gets the global position of the write's last event: what a query waits for to read this write.</summary>
    public long LastPosition
    {
        get
        {
            long last = 0;
            foreach (var stream in Streams)
            {
                last = System.Math.Max(last, stream.LastPosition);
            }

            return last;
        }
    }
}
