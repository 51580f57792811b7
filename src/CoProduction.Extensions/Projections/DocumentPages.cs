using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>Reads every page of a paged query, for work that goes through all of its documents (a sweep, a report).</summary>
public static class DocumentPages
{
    /// <summary>Asks for the first page, then for each next one, until a page says it is the last.</summary>
    /// <typeparam name="TDocument">The documents' type.</typeparam>
    /// <param name="page">Reads the page after a cursor (<see langword="null"/> for the first), for example <c>after => register.OpenAtSiteAsync(site, after, 100, ct)</c>.</param>
    /// <param name="cancellationToken">Cancels between pages.</param>
    /// <returns>Every document, in the query's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="page"/> is <see langword="null"/>.</exception>
    public static async IAsyncEnumerable<TDocument> AllAsync<TDocument>(
        Func<DocumentCursor?, ValueTask<DocumentPage<TDocument>>> page, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        DocumentCursor? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = await page(after).ConfigureAwait(false);
            foreach (var item in next.Items)
            {
                yield return item;
            }

            after = next.Next;
        }
        while (after is not null);
    }
}
