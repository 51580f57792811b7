using CoProduction.Storage.Sqlite;
using CoProduction.DependencyInjection;
using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Persistence.Journals;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Projections;

public sealed class NotificationParkingTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static readonly TheoryData<bool> Stores = new(false, true);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_unreadable_event_is_parked_for_a_handler_at_once_and_the_events_after_it_are_delivered(bool sqlite)
    {
        using var services = Provider(sqlite, out var seen);
        var store = services.GetRequiredService<IEventStore>();
        await store.AppendAsync(new StreamId("tally-1"), 0, [Known(1), Known(2)], cancellationToken: TestContext.Current.CancellationToken);
        var poison = await store.AppendAsync(new StreamId("tally-1"), 2, [Unknown()], cancellationToken: TestContext.Current.CancellationToken);
        await store.AppendAsync(new StreamId("tally-2"), 0, [Known(3)], cancellationToken: TestContext.Current.CancellationToken);

        await services.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2L, 4L], seen.Positions);
        var parked = Assert.Single(await services.GetRequiredService<IParkedEventStore>().ListAsync(CountingHandler.HandlerName, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((poison.LastPosition, "tally.from-the-future", typeof(UnknownEventTypeException).FullName), (parked.Position, parked.EventName, parked.ErrorType));
        Assert.Equal(4, await services.GetRequiredService<ICheckpointStore>().GetAsync(CountingHandler.HandlerName, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_handler_that_keeps_failing_on_one_event_parks_it_after_the_attempts_and_a_retry_delivers_it_once_fixed(bool sqlite)
    {
        using var services = Provider(sqlite, out var seen);
        var store = services.GetRequiredService<IEventStore>();
        await store.AppendAsync(new StreamId("tally-1"), 0, [Known(1), Known(2), Known(3)], cancellationToken: TestContext.Current.CancellationToken);
        seen.FailAt[2] = true;
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();

        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1L], seen.Positions);
        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1L], seen.Positions);
        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1L, 3L], seen.Positions);
        var parked = services.GetRequiredService<IParkedEventStore>();
        var entry = Assert.Single(await parked.ListAsync(CountingHandler.HandlerName, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((2L, "The mail server is down."), (entry.Position, entry.Reason));

        Assert.Equal(0, await dispatcher.RetryParkedAsync(CountingHandler.HandlerName, TestContext.Current.CancellationToken));
        Assert.Single(await parked.ListAsync(CountingHandler.HandlerName, cancellationToken: TestContext.Current.CancellationToken));

        seen.FailAt.Clear();
        Assert.Equal(1, await dispatcher.RetryParkedAsync(CountingHandler.HandlerName, TestContext.Current.CancellationToken));
        Assert.Equal([1L, 3L, 2L], seen.Positions);
        Assert.Empty(await parked.ListAsync(CountingHandler.HandlerName, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await parked.CountAsync(TestContext.Current.CancellationToken));
    }

    private ServiceProvider Provider(bool sqlite, out Seen seen)
    {
        var services = new ServiceCollection();
        seen = new Seen();
        services.AddSingleton(seen);
        services.AddSingleton<IClock>(new FakeClock(Now));
        var builder = services.AddCoProduction(o => o.NotificationAttempts = 3).UseTestAccess().AddNotificationHandler<CountingHandler>()
            .ConfigureEvents(events => events.AddContext(JournalJsonContext.Default));
        if (sqlite)
        {
            builder.UseSqliteStore(folder.File("notifications.db"));
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>A readable event: the tests' journal closing, numbered by its reason.</summary>
    private static EventData Known(int n) => new(
        "journal.closed", 1, System.Text.Encoding.UTF8.GetBytes($$"""{"reason":"{{n}}","at":"2019-02-01T06:00:00Z","by":"named:test"}"""), Now, Actor.Named("test"));

    private static EventData Unknown() => new("tally.from-the-future", 1, "{}"u8.ToArray(), Now, Actor.Named("test"));

    internal sealed class Seen
    {
        private readonly ConcurrentQueue<long> positions = new();

        public ConcurrentDictionary<long, bool> FailAt { get; } = new();

        public long[] Positions => [.. positions];

        public void Add(long position) => positions.Enqueue(position);
    }

    /// <summary>Records the positions it is offered, failing on those it is told to.</summary>
    internal sealed class CountingHandler(Seen seen) : INotificationHandler
    {
        public const string HandlerName = "counting";

        public string Name => HandlerName;

        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
        {
            if (seen.FailAt.ContainsKey(notification.Stored.Position))
            {
                throw new InvalidOperationException("The mail server is down.");
            }

            seen.Add(notification.Stored.Position);
            return ValueTask.CompletedTask;
        }
    }
}
