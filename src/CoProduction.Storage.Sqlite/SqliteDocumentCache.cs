using System;
using System.Collections.Generic;
using System.Threading;
using CoProduction.Projections;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// The documents a projection store read or wrote last, parsed, each with the JSON text it was read from: a document whose
/// stored text is the same again is not parsed again. Reading a whole document's JSON is most of a query's time (a
/// protocol's entry, with its versions and scopes), and documents change far less often than they are read.
/// </summary>
/// <remarks>
/// Never stale: an entry is used only when the text just read from the table equals the one it was parsed from, so a
/// change by this process, another process or a reset is seen at once. Documents are immutable values, so callers may
/// share one. Each projection keeps at most <see cref="Capacity"/> documents of at most <see cref="LongestText"/>
/// characters; past the capacity it starts again empty.
/// </remarks>
internal sealed class SqliteDocumentCache
{
    /// <summary>How many documents each projection keeps at most.</summary>
    public const int Capacity = 4_096;

    /// <summary>The longest JSON text a kept document may have: bigger documents are parsed at each read.</summary>
    public const int LongestText = 8_192;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, (string Text, object Document)>> projections = new(StringComparer.Ordinal);

    /// <summary>The document stored as <paramref name="text"/>: the kept one when it was parsed from the same text, else parsed now and kept.</summary>
    /// <param name="projection">The projection that reads it.</param>
    /// <param name="key">The document's key.</param>
    /// <param name="text">Its JSON text as the table holds it now.</param>
    /// <returns>The document.</returns>
    public object Read(IDocumentProjection projection, string key, string text)
    {
        lock (gate)
        {
            if (projections.TryGetValue(projection.Name, out var kept) && kept.TryGetValue(key, out var found) && string.Equals(found.Text, text, StringComparison.Ordinal))
            {
                return found.Document;
            }
        }

        var document = projection.Read(text);
        Keep(projection, key, text, document);
        return document;
    }

    /// <summary>Keeps a document just written as <paramref name="text"/>, or forgets the key when it was removed (<paramref name="text"/> is <see langword="null"/>).</summary>
    /// <param name="projection">The projection that wrote it.</param>
    /// <param name="key">The document's key.</param>
    /// <param name="text">Its JSON text; <see langword="null"/> when removed.</param>
    /// <param name="document">The document; <see langword="null"/> when removed.</param>
    public void Keep(IDocumentProjection projection, string key, string? text, object? document)
    {
        lock (gate)
        {
            if (!projections.TryGetValue(projection.Name, out var kept))
            {
                kept = new Dictionary<string, (string, object)>(StringComparer.Ordinal);
                projections[projection.Name] = kept;
            }

            if (text is null || document is null || text.Length > LongestText)
            {
                kept.Remove(key);
                return;
            }

            if (kept.Count >= Capacity && !kept.ContainsKey(key))
            {
                kept.Clear();
            }

            kept[key] = (text, document);
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
}
