using System;
using System.Collections.Concurrent;

namespace CoProduction.Privacy;

/// <summary>A key table in memory, for tests and for the in-memory store; lost when the process ends.</summary>
public sealed class InMemoryPersonalDataKeys : IPersonalDataKeys
{
    private readonly ConcurrentDictionary<string, byte[]> keys = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public byte[]? Find(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return keys.TryGetValue(subject, out var key) ? key : null;
    }

    /// <inheritdoc/>
    public byte[] GetOrAdd(string subject, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(key);
        return keys.GetOrAdd(subject, key);
    }

    /// <inheritdoc/>
    public bool Remove(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return keys.TryRemove(subject, out _);
    }
}
