using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>Reads a <see cref="DocumentProjection{TDocument}"/>'s documents, typed: by key, a page by index, a count, or every page in turn.</summary>
/// <typeparam name="TDocument">The documents' type.</typeparam>
public sealed class DocumentReader<TDocument>
    where TDocument : class
{
    private readonly IDocumentStore store;
    private readonly DocumentProjection<TDocument> projection;

    /// <summary>Creates the reader.</summary>
    /// <param name="store">The store that keeps the projection's documents.</param>
    /// <param name="projection">The projection.</param>
    public DocumentReader(IDocumentStore store, DocumentProjection<TDocument> projection)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(projection);
        this.store = store;
        this.projection = projection;
    }

    /// <summary>Reads one document.</summary>
    /// <param name="key">The document's key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document, or <see langword="null"/>.</returns>
    public async ValueTask<TDocument?> GetAsync(string key, CancellationToken cancellationToken = default)
        => (TDocument?)await store.GetDocumentAsync(projection, key, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a page of documents by index (or by key when <paramref name="index"/> is <see langword="null"/>), in (value, key) order.</summary>
    /// <param name="index">The index's name; <see langword="null"/> to read by key.</param>
    /// <param name="range">The values to read.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page and where the next one starts.</returns>
    public async ValueTask<DocumentPage<TDocument>> QueryAsync(
        string? index, DocumentRange range, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var found = await store.QueryDocumentsAsync(projection, index, range, after, limit, cancellationToken).ConfigureAwait(false);
        var items = new TDocument[found.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = (TDocument)found[i].Document;
        }

        return new DocumentPage<TDocument>(items, found.Count == limit ? new DocumentCursor(found[^1].Value, found[^1].Key) : null);
    }

    /// <summary>Counts the entries of an index (or the documents, by key) in a range.</summary>
    /// <param name="index">The index's name; <see langword="null"/> to count by key.</param>
    /// <param name="range">The values to count.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>How many entries the range holds.</returns>
    public ValueTask<long> CountAsync(string? index, DocumentRange range, CancellationToken cancellationToken = default)
        => store.CountDocumentsAsync(projection, index, range, cancellationToken);

    /// <summary>Reads every document in a range, a page at a time, for work that goes through them all (a sweep).</summary>
    /// <param name="index">The index's name; <see langword="null"/> to read by key.</param>
    /// <param name="range">The values to read.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The documents, in (value, key) order; one found under several values of the range comes once per value.</returns>
    public async IAsyncEnumerable<TDocument> ReadAllAsync(string? index, DocumentRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        DocumentCursor? after = null;
        do
        {
            var page = await QueryAsync(index, range, after, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            after = page.Next;
        }
        while (after is not null);
    }
}
