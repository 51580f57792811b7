using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Library;
using CoProduction.DependencyInjection;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using CoProduction.Tests.Extensions;

namespace CoProduction.Benchmarks;

/// <summary>
/// (Issue 15) What storing a notification handler's checkpoint after every event costs, on a SQLite file
/// (<c>synchronous=FULL</c>): a dispatcher pass delivering 500 events to a handler that does nothing, beside 500
/// checkpoint writes alone. A checkpoint per batch would cost the pass minus all but one of those writes.
/// </summary>
[MemoryDiagnoser]
public class DeliveryBenchmarks
{
    /// <summary>Events a pass delivers.</summary>
    public const int Events = 500;

    private string directory = string.Empty;
    private ServiceProvider provider = null!;
    private NotificationDispatcher dispatcher = null!;
    private ICheckpointStore checkpoints = null!;
    private long written;

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "coproduction-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddCoProduction().UseTestAccess().UseSqliteStore(Path.Combine(directory, "events.db")).AddNotificationHandler<NothingHandler>();
        provider = services.BuildServiceProvider();
        var action = EventSerializer.Default.Serialize(BenchSite.LongActing(1, 7).History[6]);
        var batch = new EventData[Events];
        Array.Fill(batch, action);
        provider.GetRequiredService<IEventStore>().AppendAsync(StreamId.For("cycle", new CycleId("delivered")), 0, batch).AsTask().GetAwaiter().GetResult();
        dispatcher = provider.GetRequiredService<NotificationDispatcher>();
        checkpoints = provider.GetRequiredService<ICheckpointStore>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        provider.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [IterationSetup(Target = nameof(DispatchFiveHundredEventsCheckpointingEach))]
    public void Rewind() => checkpoints.ResetAsync(NothingHandler.Subscriber).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<int> DispatchFiveHundredEventsCheckpointingEach() => dispatcher.DispatchPendingAsync();

    [Benchmark]
    public async Task FiveHundredCheckpointWrites()
    {
        for (var i = 0; i < Events; i++)
        {
            await checkpoints.SetAsync("bench-writes", Interlocked.Increment(ref written)).ConfigureAwait(false);
        }
    }

    /// <summary>A handler whose effect costs nothing, so the pass measures the dispatcher and its checkpoints.</summary>
    public sealed class NothingHandler : INotificationHandler
    {
        /// <summary>The handler's name.</summary>
        public const string Subscriber = "bench-nothing";

        /// <inheritdoc/>
        public string Name => Subscriber;

        /// <inheritdoc/>
        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
