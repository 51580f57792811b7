using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Tests.Protocols;

namespace CoProduction.Tests.Persistence;

/// <summary>Every aggregate refuses a history read from a stream that is not its own.</summary>
public sealed class RehydrationStreamTests
{
    private static readonly StreamId Other = new("protocol-someone-else");

    private static void RefusesOtherStream<T>(T aggregate)
        where T : IEventSourcedAggregate<T>
    {
        IReadOnlyList<IDomainEvent> history = aggregate.UncommittedEvents;
        Assert.Equal(aggregate.Version, T.Rehydrate(aggregate.StreamId, history).Version);
        var ex = Assert.Throws<InvalidHistoryException>(() => T.Rehydrate(Other, history));
        Assert.Contains(aggregate.StreamId.Value, ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_protocol_history_read_from_another_stream_is_refused()
        => RefusesOtherStream(ProtocolFixtures.Drafted());

    [Fact]
    public void A_site_history_read_from_another_stream_is_refused()
        => RefusesOtherStream(Sites.PaperSites.Kilifi());

    [Fact]
    public void A_meeting_series_history_read_from_another_stream_is_refused()
        => RefusesOtherStream(CoProduction.Scheduling.MeetingSeries.Plan(Tests.Scheduling.Plans.Plan("kilifi-reflection", CoProduction.Scheduling.Cadence.Monthly(15), new NodaTime.LocalDate(2016, 1, 1), new NodaTime.LocalDate(2016, 12, 31)), new Stamp(NodaTime.Instant.FromUtc(2016, 1, 1, 0, 0), Actor.System)));
}
