using System;
using System.Collections.Generic;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;

namespace CoProduction.Events;

/// <summary>One aggregate type as the stores, the archive and the stream index know it: its stream category, its name and how its history is replayed.</summary>
/// <param name="Category">Its streams' category (<c>{Category}-{id}</c>).</param>
/// <param name="TypeName">The aggregate type's name, for example <c>Cycle</c>.</param>
/// <param name="Replay">Rebuilds the aggregate from its stream's history.</param>
internal sealed record KnownAggregate(string Category, string TypeName, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate> Replay)
{
    /// <summary>The entry of <typeparamref name="TAggregate"/>.</summary>
    /// <typeparam name="TAggregate">The aggregate.</typeparam>
    /// <returns>Its category, name and replay.</returns>
    public static KnownAggregate Of<TAggregate>()
        where TAggregate : IEventSourcedAggregate<TAggregate>
        => new(TAggregate.StreamCategory, typeof(TAggregate).Name, static (stream, history) => TAggregate.Rehydrate(stream, history));
}

/// <summary>The library's own aggregates: the one list the archive's checks and the stream index's categories start from.</summary>
internal static class LibraryAggregates
{
    /// <summary>Gets every aggregate the library ships.</summary>
    public static IReadOnlyList<KnownAggregate> All { get; } =
    [
        KnownAggregate.Of<Cycle>(),
        KnownAggregate.Of<Protocol>(),
        KnownAggregate.Of<Amendment>(),
        KnownAggregate.Of<LearningSite>(),
        KnownAggregate.Of<MeetingSeries>(),
        KnownAggregate.Of<ProtocolDeviation>(),
        KnownAggregate.Of<EthicalDilemma>(),
        KnownAggregate.Of<Insight>(),
        KnownAggregate.Of<Impact>(),
        KnownAggregate.Of<Output>(),
        KnownAggregate.Of<WiderEngagement>(),
        KnownAggregate.Of<Programme>(),
    ];
}
