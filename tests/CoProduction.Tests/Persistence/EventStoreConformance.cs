using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using NodaTime;
using static CoProduction.Tests.Persistence.StoreTesting;

namespace CoProduction.Tests.Persistence;

/// <summary>The promises every event store keeps. Each store's test class derives from this one.</summary>
public abstract class EventStoreConformance
{
    private static readonly StreamId Stream = new("cycle-kilifi-2016");
    private static readonly StreamId Other = new("cycle-sedibeng-2016");

    /// <summary>Creates an empty store.</summary>
    protected abstract IEventStore CreateStore();

    [Fact]
    public async Task Appended_events_read_back_in_order_with_their_whole_envelope()
    {
        var store = CreateStore();
        var at = Instant.FromUtc(2016, 3, 1, 8, 0) + Duration.FromNanoseconds(123_456_789);
        var first = new EventData("cycle.started", 2, "{\"title\":\"Kilifi 2016 – é\"}"u8.ToArray(), at, Actor.Member(new MemberId("jane")));
        var result = await store.AppendAsync(Stream, 0, [first, Event("cycle.activity-planned")], new CommandId("c-1"));

        Assert.Equal(new AppendResult(Stream, 2, result.LastPosition, false), result);
        var events = await store.ReadStreamAsync(Stream);
        Assert.Equal(2, events.Count);
        var e = events[0];
        Assert.Equal((Stream, 1L, "cycle.started", 2, at, Actor.Member(new MemberId("jane")), (CommandId?)new CommandId("c-1")),
            (e.Stream, e.Version, e.EventName, e.SchemaVersion, e.RecordedAt, e.Actor, e.CommandId));
        Assert.Equal(first.Payload.ToArray(), e.Payload.ToArray());
        Assert.Equal(2, events[1].Version);
        Assert.Equal(result.LastPosition, events[1].Position);
    }

    [Fact]
    public async Task Reading_from_a_version_returns_that_version_and_later_ones()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, 0, [.. Enumerable.Range(1, 5).Select(Numbered)]);
        var tail = await store.ReadStreamAsync(Stream, 4);
        Assert.Equal([4, 5], tail.Select(NumberOf));
        Assert.Empty(await store.ReadStreamAsync(Stream, 6));
    }

    [Fact]
    public async Task A_stream_that_was_never_written_reads_empty()
        => Assert.Empty(await CreateStore().ReadStreamAsync(new StreamId("cycle-nowhere")));

    [Fact]
    public async Task A_stale_writer_gets_a_concurrency_error_with_both_versions_and_writes_nothing()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, 0, [Numbered(1), Numbered(2)]);
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendAsync(Stream, 1, [Numbered(3)]));
        Assert.Equal((Stream, 1L, 2L), (ex.Stream, ex.ExpectedVersion, ex.ActualVersion));
        Assert.Equal([1, 2], (await store.ReadStreamAsync(Stream)).Select(NumberOf));
    }

    [Fact]
    public async Task A_writer_ahead_of_the_stream_gets_a_concurrency_error_too()
    {
        var store = CreateStore();
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendAsync(Stream, 3, [Numbered(1)]));
        Assert.Equal((3L, 0L), (ex.ExpectedVersion, ex.ActualVersion));
        Assert.Empty(await store.ReadStreamAsync(Stream));
    }

    [Fact]
    public async Task A_retried_command_is_recorded_once_and_returns_the_first_result()
    {
        var store = CreateStore();
        var command = new CommandId("plan-activity-7");
        var first = await store.AppendAsync(Stream, 0, [Numbered(1), Numbered(2)], command);
        await store.AppendAsync(Stream, 2, [Numbered(3)]);

        // The retry carries the version its sender saw; the command id wins over the stale version.
        var retry = await store.AppendAsync(Stream, 0, [Numbered(1), Numbered(2)], command);

        Assert.Equal(first with { WasDuplicate = true }, retry);
        Assert.Equal([1, 2, 3], (await store.ReadStreamAsync(Stream)).Select(NumberOf));
    }

    [Fact]
    public async Task The_same_command_id_on_another_stream_is_another_command()
    {
        var store = CreateStore();
        var command = new CommandId("shared");
        await store.AppendAsync(Stream, 0, [Numbered(1)], command);
        var other = await store.AppendAsync(Other, 0, [Numbered(2)], command);
        Assert.False(other.WasDuplicate);
        Assert.Single(await store.ReadStreamAsync(Other));
    }

    [Fact]
    public async Task A_batch_with_an_invalid_event_is_refused_whole()
    {
        var store = CreateStore();
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(Stream, 0, [Numbered(1), Event(" ")]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(Stream, 0, []));
        Assert.Empty(await store.ReadStreamAsync(Stream));
        Assert.Empty(await store.ReadAllAsync(0, 10));
    }

    [Fact]
    public async Task A_cancelled_append_writes_nothing()
    {
        var store = CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AppendAsync(Stream, 0, [Numbered(1)], null, cancelled.Token));
        Assert.Empty(await store.ReadStreamAsync(Stream));
    }

    [Fact]
    public async Task Global_positions_increase_strictly_across_streams_in_append_order()
    {
        var store = CreateStore();
        var appended = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var stream = new StreamId("s-" + (i % 4));
            var version = (await store.ReadStreamAsync(stream)).Count;
            await store.AppendAsync(stream, version, [Numbered(2 * i), Numbered((2 * i) + 1)]);
            appended.AddRange([2 * i, (2 * i) + 1]);
        }

        var all = await store.ReadAllAsync(0, 1000);
        Assert.Equal(appended, all.Select(NumberOf));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.Position < pair.Second.Position));
    }

    [Fact]
    public async Task Reading_everything_in_pages_returns_each_event_once_in_order()
    {
        var store = CreateStore();
        for (var i = 0; i < 23; i++)
        {
            await store.AppendAsync(new StreamId("s-" + i), 0, [Numbered(i)]);
        }

        var seen = new List<int>();
        var after = 0L;
        while (await store.ReadAllAsync(after, 5) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 5);
            seen.AddRange(page.Select(NumberOf));
            after = page[^1].Position;
        }

        Assert.Equal(Enumerable.Range(0, 23), seen);
        Assert.Empty(await store.ReadAllAsync(after, 5));
    }

    [Fact]
    public async Task Writers_racing_on_one_version_have_exactly_one_winner()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, 0, [Numbered(0)]);
        const int writers = 8;
        using var start = new Barrier(writers);
        var outcomes = await Task.WhenAll(Enumerable.Range(1, writers).Select(w => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                await store.AppendAsync(Stream, 1, [Numbered(w)]);
                return true;
            }
            catch (ConcurrencyException ex) when (ex.ActualVersion == 2)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        var events = await store.ReadStreamAsync(Stream);
        Assert.Equal(2, events.Count);
        Assert.Equal(Enumerable.Range(1, writers).Single(w => outcomes[w - 1]), NumberOf(events[1]));
    }

    [Fact]
    public async Task Threads_racing_on_one_stream_lose_nothing_and_double_nothing()
    {
        var store = CreateStore();
        const int writers = 6;
        const int each = 15;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                var n = (w * 1000) + i;
                while (true)
                {
                    var version = (await store.ReadStreamAsync(Stream)).Count;
                    try
                    {
                        await store.AppendAsync(Stream, version, [Numbered(n)]);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        var events = await store.ReadStreamAsync(Stream);
        Assert.Equal(Enumerable.Range(1, writers * each).Select(v => (long)v), events.Select(e => e.Version));
        var numbers = events.Select(NumberOf).ToList();
        Assert.Equal(writers * each, numbers.Distinct().Count());
        for (var w = 0; w < writers; w++)
        {
            // Each writer's own events appear in the order it appended them.
            Assert.Equal(Enumerable.Range(w * 1000, each), numbers.Where(n => n / 1000 == w));
        }
    }

    [Fact]
    public async Task A_stream_of_ten_thousand_events_reads_back_whole_and_in_order()
    {
        var store = CreateStore();
        const int total = 10_000;
        for (var start = 0; start < total; start += 500)
        {
            await store.AppendAsync(Stream, start, [.. Enumerable.Range(start, 500).Select(Numbered)]);
        }

        var events = await store.ReadStreamAsync(Stream);
        Assert.Equal(total, events.Count);
        Assert.Equal(Enumerable.Range(0, total), events.Select(NumberOf));
        Assert.Equal(Enumerable.Range(1, total).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(total, (await store.ReadAllAsync(0, total + 1)).Count);
    }

    [Fact]
    public async Task The_last_position_is_zero_for_an_empty_store_and_then_the_last_appended_event_s()
    {
        var store = CreateStore();
        Assert.Equal(0, await store.ReadLastPositionAsync());
        await store.AppendAsync(Stream, 0, [Numbered(1), Numbered(2)]);
        var last = await store.AppendAsync(Other, 0, [Numbered(3)]);
        Assert.Equal(last.LastPosition, await store.ReadLastPositionAsync());
        Assert.Equal(last.LastPosition, (await store.ReadAllAsync(0, 10))[^1].Position);
    }

    [Fact]
    public async Task A_write_to_several_streams_records_them_all_in_part_order_with_one_command_id()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, 0, [Numbered(1)]);
        var command = new CommandId("submit-amendment-3");

        var written = await store.AppendStreamsAsync(
            [new StreamAppend(Other, 0, [Numbered(10), Numbered(11)]), new StreamAppend(Stream, 1, [Numbered(2)])], command, TestContext.Current.CancellationToken);

        Assert.False(written.WasDuplicate);
        Assert.Equal([(Other, 2L), (Stream, 2L)], written.Streams.Select(r => (r.Stream, r.Version)));
        var all = await store.ReadAllAsync(0, 10, TestContext.Current.CancellationToken);
        Assert.Equal([1, 10, 11, 2], all.Select(NumberOf));
        Assert.Equal(all[^1].Position, written.LastPosition);
        Assert.All(all.Skip(1), e => Assert.Equal(command, e.CommandId));
    }

    [Fact]
    public async Task A_write_to_several_streams_with_one_stale_part_writes_nothing()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, 0, [Numbered(1), Numbered(2)]);

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendStreamsAsync(
            [new StreamAppend(Other, 0, [Numbered(10)]), new StreamAppend(Stream, 1, [Numbered(3)])], null, TestContext.Current.CancellationToken));

        Assert.Equal((Stream, 1L, 2L), (ex.Stream, ex.ExpectedVersion, ex.ActualVersion));
        Assert.Empty(await store.ReadStreamAsync(Other));
        Assert.Equal(2, await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_repeated_write_to_several_streams_returns_the_first_and_writes_nothing()
    {
        var store = CreateStore();
        var command = new CommandId("start-next-cycle");
        var first = await store.AppendStreamsAsync(
            [new StreamAppend(Stream, 0, [Numbered(1)]), new StreamAppend(Other, 0, [Numbered(2)])], command, TestContext.Current.CancellationToken);

        var again = await store.AppendStreamsAsync(
            [new StreamAppend(Stream, 0, [Numbered(1)]), new StreamAppend(Other, 0, [Numbered(2)])], command, TestContext.Current.CancellationToken);

        Assert.True(again.WasDuplicate);
        Assert.Equal(first.Streams.Select(r => r with { WasDuplicate = true }), again.Streams);
        Assert.Equal(2, await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_command_id_bound_to_its_command_returns_the_first_outcome_when_the_same_command_comes_again()
    {
        var store = CreateStore();
        var command = new CommandId("approve-amendment-2");
        var parts = new[] { new StreamAppend(Stream, 0, [Numbered(1)]), new StreamAppend(Other, 0, [Numbered(2), Numbered(3)]) };
        var first = await store.AppendStreamsAsync(parts, command, CommandFingerprint.Of("amendment.approve", parts), TestContext.Current.CancellationToken);
        await store.AppendAsync(Stream, 1, [Numbered(4)], cancellationToken: TestContext.Current.CancellationToken);

        // The same decision, made again later (another instant in its stamp) with the versions its sender saw.
        var later = new[] { new StreamAppend(Stream, 0, [Numbered(1) with { RecordedAt = Start + Duration.FromMinutes(5) }]), new StreamAppend(Other, 0, [Numbered(2), Numbered(3)]) };
        var again = await store.AppendStreamsAsync(later, command, CommandFingerprint.Of("amendment.approve", later), TestContext.Current.CancellationToken);

        Assert.True(again.WasDuplicate);
        Assert.Equal(first.Streams.Select(r => r with { WasDuplicate = true }), again.Streams);
        Assert.Equal(4, await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("another name")]
    [InlineData("another stream")]
    [InlineData("another decision")]
    public async Task A_command_id_bound_to_its_command_is_refused_for_another_command_and_nothing_is_written(string difference)
    {
        var store = CreateStore();
        var command = new CommandId("submit-amendment-1");
        var parts = new[] { new StreamAppend(Stream, 0, [Numbered(1)]) };
        var recorded = CommandFingerprint.Of("amendment.submit", parts);
        await store.AppendStreamsAsync(parts, command, recorded, TestContext.Current.CancellationToken);
        StreamAppend[] other = difference switch
        {
            "another stream" => [new StreamAppend(Other, 0, [Numbered(1)])],
            "another decision" => [new StreamAppend(Stream, 1, [Numbered(7)])],
            _ => [new StreamAppend(Stream, 1, [Numbered(1)])],
        };
        var name = difference == "another name" ? "amendment.withdraw" : "amendment.submit";

        var ex = await Assert.ThrowsAsync<CommandIdReusedException>(async () => await store.AppendStreamsAsync(
            other, command, CommandFingerprint.Of(name, other), TestContext.Current.CancellationToken));

        Assert.Equal((command, recorded), (ex.CommandId, ex.Recorded));
        Assert.Equal(CommandFingerprint.Of(name, other), ex.Attempted);
        Assert.Contains("submit-amendment-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("give each new command a new id", ex.Message, StringComparison.Ordinal);
        Assert.Equal([1], (await store.ReadAllAsync(0, 10, TestContext.Current.CancellationToken)).Select(NumberOf));
    }

    [Fact]
    public async Task A_fingerprint_names_the_streams_the_write_targets_whatever_the_writer_said()
    {
        var store = CreateStore();
        var command = new CommandId("c-streams");
        var parts = new[] { new StreamAppend(Stream, 0, [Numbered(1)]) };
        var fingerprint = CommandFingerprint.Of("journal.write", parts);
        await store.AppendStreamsAsync(parts, command, fingerprint with { Streams = "elsewhere" }, TestContext.Current.CancellationToken);

        var again = await store.AppendStreamsAsync(parts, command, fingerprint, TestContext.Current.CancellationToken);

        Assert.True(again.WasDuplicate);
        Assert.Equal("cycle-kilifi-2016 cycle-sedibeng-2016", CommandFingerprint.StreamsOf([new StreamAppend(Stream, 0, [Numbered(1)]), new StreamAppend(Other, 0, [Numbered(2)])]));
    }

    [Fact]
    public async Task A_write_naming_a_stream_twice_or_no_stream_is_refused_before_anything_is_written()
    {
        var store = CreateStore();

        var twice = await Assert.ThrowsAsync<InputLimitException>(async () => await store.AppendStreamsAsync(
            [new StreamAppend(Stream, 0, [Numbered(1)]), new StreamAppend(Stream, 1, [Numbered(2)])], null, TestContext.Current.CancellationToken));
        Assert.Equal((InputRule.Repeated, "appends", Stream.Value), (twice.Rule, twice.ParamName, twice.Echo));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendStreamsAsync([], null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendStreamsAsync(
            [new StreamAppend(Other, 0, [Numbered(1)]), new StreamAppend(Stream, 0, [])], null, TestContext.Current.CancellationToken));

        Assert.Equal(0, await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_write_of_several_commands_records_each_with_its_own_id_in_order_each_seeing_the_ones_before()
    {
        var store = CreateStore();
        var ct = TestContext.Current.CancellationToken;

        var written = await store.AppendCommandsAsync(
        [
            new CommandAppend([new StreamAppend(Stream, 0, [Numbered(1), Numbered(2)])], new CommandId("c-1")),
            new CommandAppend([new StreamAppend(Other, 0, [Numbered(3)]), new StreamAppend(Stream, 2, [Numbered(4)])], new CommandId("c-2")),
            new CommandAppend([new StreamAppend(Stream, 3, [Numbered(5)])], null),
            new CommandAppend([new StreamAppend(Stream, 0, [Numbered(9)])], new CommandId("c-1")),
        ], ct);

        Assert.Equal([false, false, false, true], written.Select(w => w.WasDuplicate));
        var all = await store.ReadAllAsync(0, 10, ct);
        Assert.Equal([1, 2, 3, 4, 5], all.Select(NumberOf));
        Assert.Equal(["c-1", "c-1", "c-2", "c-2", null], all.Select(e => e.CommandId?.Value));
        Assert.Equal([1L, 2L, 1L, 3L, 4L], all.Select(e => e.Version));
        Assert.True((await store.AppendAsync(Other, 0, [Numbered(6)], new CommandId("c-2"), ct)).WasDuplicate);
    }

    [Fact]
    public async Task A_command_that_refuses_retry_is_a_conflict_when_its_id_is_already_in_its_stream_and_writes_nothing()
    {
        var store = CreateStore();
        var ct = TestContext.Current.CancellationToken;
        await store.AppendAsync(Stream, 0, [Numbered(1)], new CommandId("c-1"), ct);

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendCommandsAsync(
        [
            new CommandAppend([new StreamAppend(Other, 0, [Numbered(2)])], new CommandId("c-2")) { RefuseRetry = true },
            new CommandAppend([new StreamAppend(Stream, 0, [Numbered(1)])], new CommandId("c-1")) { RefuseRetry = true },
        ], ct));

        Assert.Equal((Stream, 0L, 1L), (ex.Stream, ex.ExpectedVersion, ex.ActualVersion));
        Assert.Equal([1], (await store.ReadAllAsync(0, 10, ct)).Select(NumberOf));
        Assert.Empty(await store.ReadStreamAsync(Other, 1, ct));
    }

    [Fact]
    public async Task A_write_of_several_commands_with_one_refused_writes_none_of_them()
    {
        var store = CreateStore();
        var ct = TestContext.Current.CancellationToken;
        await store.AppendAsync(Other, 0, [Numbered(1)], new CommandId("before"), ct);
        var bound = new[] { new StreamAppend(new StreamId("cycle-bound"), 0, [Numbered(7)]) };

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendCommandsAsync(
        [
            new CommandAppend([new StreamAppend(Stream, 0, [Numbered(2)])], new CommandId("c-1")),
            new CommandAppend(bound, new CommandId("c-bound"), CommandFingerprint.Of("cycle.start", bound)),
            new CommandAppend([new StreamAppend(Other, 0, [Numbered(3)])], new CommandId("c-2")),
        ], ct));

        Assert.Equal((Other, 0L, 1L), (ex.Stream, ex.ExpectedVersion, ex.ActualVersion));
        Assert.Equal([1], (await store.ReadAllAsync(0, 10, ct)).Select(NumberOf));
        Assert.Empty(await store.ReadStreamAsync(Stream, 1, ct));

        // Nothing of the refused write is remembered: its command ids and positions are free again.
        var again = await store.AppendStreamsAsync(bound, new CommandId("c-bound"), CommandFingerprint.Of("cycle.start", bound), ct);
        Assert.False(again.WasDuplicate);
        Assert.False((await store.AppendAsync(Stream, 0, [Numbered(2)], new CommandId("c-1"), ct)).WasDuplicate);
        Assert.Equal([1, 7, 2], (await store.ReadAllAsync(0, 10, ct)).Select(NumberOf));
        Assert.Equal([1L, 2L, 3L], (await store.ReadAllAsync(0, 10, ct)).Select(e => e.Position));
    }
}

public sealed class InMemoryEventStoreConformanceTests : EventStoreConformance
{
    protected override IEventStore CreateStore() => new InMemoryEventStore();

}
