using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Tests.Persistence;

/// <summary>The SQLite store reads envelopes without parsing what repeats from row to row, and gives back exactly what was appended.</summary>
public sealed class SqliteEnvelopeTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Envelopes_read_back_exactly_through_a_stream_and_through_the_feed_with_repeated_and_changing_values()
    {
        using var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("e.db") });
        var at = Instant.FromUtc(2016, 3, 1, 8, 0);
        var streams = new[] { new StreamId("cycle-a"), new StreamId("cycle-b") };
        var appended = new System.Collections.Generic.List<(StreamId Stream, EventData Data, CommandId? Command)>();
        for (var round = 0; round < 12; round++)
        {
            var stream = streams[round % 3 == 0 ? 1 : 0];
            var command = round % 4 == 0 ? (CommandId?)null : new CommandId("c" + round);
            var events = Enumerable.Range(0, 1 + (round % 3)).Select(i => new EventData(
                "test.numbered",
                1 + (i % 2),
                Encoding.UTF8.GetBytes($$"""{"n":{{(round * 10) + i}}}"""),
                round % 5 == 0 ? at : at + Duration.FromNanoseconds((round * 1_000_003L) + (i * 100_000_000L)),
                i % 2 == 0 ? Actor.Member(new MemberId("m" + round % 3)) : Actor.Named("sweep"))).ToArray();
            var version = (await store.ReadStreamAsync(stream)).Count;
            await store.AppendAsync(stream, version, events, command);
            appended.AddRange(events.Select(e => (stream, e, command)));
        }

        var feed = await store.ReadAllAsync(0, 1000);
        Assert.Equal(appended.Count, feed.Count);
        foreach (var (read, (stream, data, command)) in feed.Zip(appended))
        {
            Assert.Equal((stream, data.EventName, data.SchemaVersion, data.RecordedAt, data.Actor, command), (read.Stream, read.EventName, read.SchemaVersion, read.RecordedAt, read.Actor, read.CommandId));
            Assert.Equal(data.Payload.ToArray(), read.Payload.ToArray());
        }

        foreach (var stream in streams)
        {
            Assert.Equal(feed.Where(e => e.Stream == stream), await store.ReadStreamAsync(stream), EnvelopeEquals);
            Assert.Equal(feed.Where(e => e.Stream == stream && e.Version >= 3), await store.ReadStreamAsync(stream, 3), EnvelopeEquals);
        }
    }

    [Fact]
    public void The_usual_instant_shape_parses_as_the_extended_iso_pattern_does_and_everything_else_is_left_to_the_pattern()
    {
        var pattern = InstantPattern.ExtendedIso;
        var random = new Random(20160301);
        for (var i = 0; i < 2000; i++)
        {
            var instant = Instant.FromUtc(random.Next(1, 10000), random.Next(1, 13), random.Next(1, 29), random.Next(24), random.Next(60), random.Next(60))
                .PlusNanoseconds(i % 4 == 0 ? 0 : random.NextInt64(1_000_000_000) / (long)Math.Pow(10, random.Next(9)));
            var text = pattern.Format(instant);
            Assert.True(StoredEventRows.TryParseUsualInstant(text, out var parsed), text);
            Assert.Equal(instant, parsed);
        }

        foreach (var text in new[] { "2016-02-29T23:59:59Z", "2016-03-01T08:00:00.5Z", "9999-12-31T23:59:59.999999999Z" })
        {
            Assert.True(StoredEventRows.TryParseUsualInstant(text, out var parsed));
            Assert.Equal(pattern.Parse(text).Value, parsed);
        }

        foreach (var text in new[] { "2015-02-29T00:00:00Z", "2016-13-01T00:00:00Z", "2016-03-01T24:00:00Z", "2016-03-01T08:00:00.Z", "2016-03-01 08:00:00Z", "-0001-03-01T08:00:00Z", "2016-03-01T08:00:00.1234567890Z", "2016-03-01T08:00:00+01", "0000-01-01T00:00:00Z", "２016-03-01T08:00:00Z" })
        {
            Assert.False(StoredEventRows.TryParseUsualInstant(text, out _), text);
        }
    }

    private static bool EnvelopeEquals(StoredEvent a, StoredEvent b)
        => (a.Stream, a.Version, a.Position, a.EventName, a.SchemaVersion, a.RecordedAt, a.Actor, a.CommandId) == (b.Stream, b.Version, b.Position, b.EventName, b.SchemaVersion, b.RecordedAt, b.Actor, b.CommandId)
            && a.Payload.Span.SequenceEqual(b.Payload.Span);
}
