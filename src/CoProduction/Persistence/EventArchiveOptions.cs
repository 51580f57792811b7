using System;
using System.Collections.Generic;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;

namespace CoProduction.Persistence;

/// <summary>
/// How an <see cref="EventArchive"/> reads and checks archives: the serializer that knows the events, the aggregates
/// whose histories every stream must replay into, and the optional key that seals exported archives and is required
/// of imported ones. A mutable builder: the archiver copies it when it is created.
/// </summary>
public sealed class EventArchiveOptions
{
    private readonly Dictionary<string, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate>> aggregates = new(StringComparer.Ordinal);

    /// <summary>Creates options that know the library's own aggregates and events, with no key.</summary>
    public EventArchiveOptions()
    {
        AddAggregate<Cycle>();
        AddAggregate<Protocol>();
        AddAggregate<Amendment>();
        AddAggregate<LearningSite>();
        AddAggregate<MeetingSeries>();
        AddAggregate<ProtocolDeviation>();
        AddAggregate<EthicalDilemma>();
        AddAggregate<Programme>();
    }

    /// <summary>
    /// Gets or sets the key that seals exported archives (HMAC-SHA256) and that an imported archive must be sealed
    /// by; <see langword="null"/> (the default) writes unsealed archives and imports any archive whose SHA-256
    /// checksum matches — which detects damage, not deliberate edits.
    /// </summary>
    public ArchiveKey? Key { get; set; }

    /// <summary>Gets or sets the serializer that reads the archived events; <see cref="EventSerializer.Default"/> (the library's own events) by default.</summary>
    public EventSerializer Serializer { get; set; } = EventSerializer.Default;

    /// <summary>Gets the stream categories whose histories an import can check (<c>cycle</c>, <c>protocol</c>, …).</summary>
    public IReadOnlyCollection<string> Categories => aggregates.Keys;

    /// <summary>Adds an app's aggregate: its streams (<c>{StreamCategory}-{id}</c>) are replayed through its <c>Rehydrate</c> when imported.</summary>
    /// <typeparam name="TAggregate">The aggregate.</typeparam>
    /// <returns>These options, for chaining.</returns>
    public EventArchiveOptions AddAggregate<TAggregate>()
        where TAggregate : IEventSourcedAggregate<TAggregate>
    {
        aggregates[TAggregate.StreamCategory] = static (stream, history) => TAggregate.Rehydrate(stream, history);
        return this;
    }

    /// <summary>The replay of each known category, longest category first (so <c>meeting-series</c> wins over a shorter one).</summary>
    internal (string Prefix, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate> Replay)[] Replays()
    {
        var replays = new List<(string, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate>)>(aggregates.Count);
        foreach (var (category, replay) in aggregates)
        {
            replays.Add((category + "-", replay));
        }

        replays.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return [.. replays];
    }
}
