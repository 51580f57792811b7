using System;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Tests.Persistence;

public sealed class InMemoryEventStoreTests
{
    private static readonly StreamId Stream = new("cycle-kilifi-2016");

    private static EventData Event(string name) => new(
        name, 1, Encoding.UTF8.GetBytes("{}"), Instant.FromUtc(2016, 3, 1, 8, 0), Actor.Named("test"));

    [Fact]
    public async Task Appended_events_read_back_in_order_with_versions_and_positions()
    {
        var store = new InMemoryEventStore();
        await store.AppendAsync(Stream, 0, [Event("a"), Event("b")]);
        await store.AppendAsync(new StreamId("cycle-other"), 0, [Event("c")]);
        var result = await store.AppendAsync(Stream, 2, [Event("d")]);

        Assert.Equal(3, result.Version);
        Assert.Equal(4, result.LastPosition);
        var events = await store.ReadStreamAsync(Stream);
        Assert.Equal(["a", "b", "d"], [.. System.Linq.Enumerable.Select(events, e => e.EventName)]);
        Assert.Equal([1L, 2L, 3L], [.. System.Linq.Enumerable.Select(events, e => e.Version)]);
        Assert.Equal([1L, 2L, 4L], [.. System.Linq.Enumerable.Select(events, e => e.Position)]);
    }

    [Fact]
    public async Task A_stale_writer_gets_a_concurrency_error_with_both_versions_and_writes_nothing()
    {
        var store = new InMemoryEventStore();
        await store.AppendAsync(Stream, 0, [Event("a")]);
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendAsync(Stream, 0, [Event("b")]));
        Assert.Equal(0, ex.ExpectedVersion);
        Assert.Equal(1, ex.ActualVersion);
        Assert.Single(await store.ReadStreamAsync(Stream));
    }

    [Fact]
    public async Task A_retried_command_is_recorded_once()
    {
        var store = new InMemoryEventStore();
        var command = new CommandId("6f1c");
        var first = await store.AppendAsync(Stream, 0, [Event("a")], command);
        var retry = await store.AppendAsync(Stream, 0, [Event("a")], command);
        Assert.False(first.WasDuplicate);
        Assert.True(retry.WasDuplicate);
        Assert.Equal(first.Version, retry.Version);
        Assert.Single(await store.ReadStreamAsync(Stream));
    }

    [Fact]
    public async Task An_empty_append_is_refused()
        => await Assert.ThrowsAsync<ArgumentException>(async () => await new InMemoryEventStore().AppendAsync(Stream, 0, []));
}
