using System;
using System.Collections.Generic;
using System.Threading;
using CoProduction.Projections;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Where a projection's model stands in the file: its generation (counted up at each reset), the version that built it and
/// its checkpoint. Every write of a model moves it forward — a commit moves the position, a reset the generation — so two
/// reads that find the same stamp found the same documents.
/// </summary>
/// <param name="Generation">How many times the model was reset.</param>
/// <param name="Version">The projection version that built it; 0 when it was never built.</param>
/// <param name="Position">Its checkpoint.</param>
internal readonly record struct DocumentStamp(long Generation, int Version, long Position) : IComparable<DocumentStamp>
{
    /// <inheritdoc/>
    public int CompareTo(DocumentStamp other)
        => Generation != other.Generation ? Generation.CompareTo(other.Generation) : Position.CompareTo(other.Position);
}

/// <summary>
/// The documents a projection store read or wrote last, parsed, all as of one <see cref="DocumentStamp"/> of their
/// projection: a query that finds the model still at that stamp takes them without reading their JSON from the table, let
/// alone parsing it. Reading and parsing a whole document (a protocol's entry, with its versions and scopes) is most of a
/// query's time, and documents change far less often than they are read.
/// </summary>
/// <remarks>
/// Never stale: every write of a model moves its stamp, and a stamp is read in the same read transaction as the query's
/// keys, so a change by this process, another process or a reset is seen at once — the kept documents of an older stamp
/// are forgotten, and the query reads what it needs from the table. A query whose snapshot is older than the kept stamp
/// (it began before a commit this process just made) neither uses nor changes what is kept. Documents are immutable
/// values, so callers may share one. Each projection keeps at most <see cref="Capacity"/> documents of at most
/// <see cref="LongestText"/> characters; past the capacity it starts again empty.
/// </remarks>
internal sealed class SqliteDocumentCache
{
    /// <summary>How many documents each projection keeps at most.</summary>
    public const int Capacity = 4_096;

    /// <summary>The longest JSON text a kept document may have: bigger documents are parsed at each read.</summary>
    public const int LongestText = 8_192;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Kept> projections = new(StringComparer.Ordinal);

    /// <summary>
    /// The kept documents of these keys as of <paramref name="stamp"/> (<see langword="null"/> where none is kept); first
    /// forgets what was kept as of an older stamp.
    /// </summary>
    /// <param name="projection">The projection that reads them.</param>
    /// <param name="stamp">The model's stamp in the reader's snapshot.</param>
    /// <param name="keys">The keys the query found.</param>
    /// <returns>One document or <see langword="null"/> per key, in order.</returns>
    public object?[] Lookup(IDocumentProjection projection, DocumentStamp stamp, IReadOnlyList<string> keys)
    {
        var found = new object?[keys.Count];
        lock (gate)
        {
            var kept = At(projection.Name, stamp);
            if (kept is not null)
            {
                for (var i = 0; i < found.Length; i++)
                {
                    found[i] = kept.Documents.TryGetValue(keys[i], out var document) ? document : null;
                }
            }
        }

        return found;
    }

    /// <summary>Parses a document read as <paramref name="text"/> at <paramref name="stamp"/>, and keeps it when that is the kept stamp.</summary>
    /// <param name="projection">The projection that reads it.</param>
    /// <param name="stamp">The model's stamp in the reader's snapshot.</param>
    /// <param name="key">The document's key.</param>
    /// <param name="text">Its JSON text as the table holds it at that stamp.</param>
    /// <returns>The document.</returns>
    public object Parse(IDocumentProjection projection, DocumentStamp stamp, string key, string text)
    {
        var document = projection.Read(text);
        if (text.Length <= LongestText)
        {
            lock (gate)
            {
                if (At(projection.Name, stamp) is { } kept)
                {
                    Put(kept, key, document);
                }
            }
        }

        return document;
    }

    /// <summary>
    /// Keeps the documents a commit just wrote (forgets those it removed), moving the kept stamp from
    /// <paramref name="before"/> to <paramref name="after"/>; what was kept as of another stamp is forgotten first.
    /// </summary>
    /// <param name="projection">The projection that wrote them.</param>
    /// <param name="before">The model's stamp the commit found.</param>
    /// <param name="after">The model's stamp the commit left.</param>
    /// <param name="changes">The changes.</param>
    /// <param name="texts">Each written document's JSON text; <see langword="null"/> for a removal.</param>
    public void Committed(IDocumentProjection projection, DocumentStamp before, DocumentStamp after, IReadOnlyList<DocumentChange> changes, string?[] texts)
    {
        lock (gate)
        {
            if (!projections.TryGetValue(projection.Name, out var kept))
            {
                kept = new Kept();
                projections[projection.Name] = kept;
            }
            else if (kept.Stamp.CompareTo(after) > 0)
            {
                // A read already saw a later stamp: what this commit wrote may be changed again.
                return;
            }
            else if (kept.Stamp != before)
            {
                kept.Documents.Clear();
            }

            kept.Stamp = after;
            for (var i = 0; i < changes.Count; i++)
            {
                if (changes[i].Document is { } document && texts[i] is { Length: <= LongestText })
                {
                    Put(kept, changes[i].Key, document);
                }
                else
                {
                    kept.Documents.Remove(changes[i].Key);
                }
            }
        }
    }

    /// <summary>Forgets a projection's documents (its model was reset).</summary>
    /// <param name="projection">The projection's name.</param>
    public void Forget(string projection)
    {
        lock (gate)
        {
            projections.Remove(projection);
        }
    }

    private static void Put(Kept kept, string key, object document)
    {
        if (kept.Documents.Count >= Capacity && !kept.Documents.ContainsKey(key))
        {
            kept.Documents.Clear();
        }

        kept.Documents[key] = document;
    }

    /// <summary>The kept documents as of the stamp, starting again empty at a later one; <see langword="null"/> for an earlier one. Under the lock.</summary>
    private Kept? At(string projection, DocumentStamp stamp)
    {
        if (!projections.TryGetValue(projection, out var kept))
        {
            kept = new Kept { Stamp = stamp };
            projections[projection] = kept;
            return kept;
        }

        var order = stamp.CompareTo(kept.Stamp);
        if (order < 0)
        {
            return null;
        }

        if (order > 0 || stamp != kept.Stamp)
        {
            kept.Documents.Clear();
            kept.Stamp = stamp;
        }

        return kept;
    }

    private sealed class Kept
    {
        public DocumentStamp Stamp { get; set; }

        public Dictionary<string, object> Documents { get; } = new(StringComparer.Ordinal);
    }
}
