using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Streams;

/// <summary>
/// The read model of which streams the store holds, by category (<c>{category}-{id}</c>), with the aggregate
/// type of each: "every cycle", "every protocol", without reading the store. Kept by a projection, so it is as
/// recent as its checkpoint (wait for a command's position to read your own writes).
/// </summary>
public interface IStreamIndex
{
    /// <summary>Lists a category's streams in ordinal order of their ids, a page at a time.</summary>
    /// <param name="category">The category, for example <c>cycle</c>.</param>
    /// <param name="after">The last stream of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="limit">The most streams to return; 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The category's streams whose ids sort after <paramref name="after"/>.</returns>
    ValueTask<IReadOnlyList<StreamIndexEntry>> ListAsync(string category, StreamId? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Finds one stream.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The stream's entry, or <see langword="null"/> when the index has not seen it.</returns>
    ValueTask<StreamIndexEntry?> FindAsync(StreamId stream, CancellationToken cancellationToken = default);

    /// <summary>Counts a category's streams.</summary>
    /// <param name="category">The category.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>How many streams the category has.</returns>
    ValueTask<long> CountAsync(string category, CancellationToken cancellationToken = default);
}
