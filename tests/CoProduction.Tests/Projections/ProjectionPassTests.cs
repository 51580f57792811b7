using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Projections;

/// <summary>A pass reads each batch of the feed once and hands the same events (which keep their deserialized domain event) to every projection behind it.</summary>
public sealed class ProjectionPassTests
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);

    [Fact]
    public async Task One_pass_reads_each_batch_once_for_all_projections_and_shares_the_deserialized_events()
    {
        var (services, reads, seen) = Provider();
        using var _ = services;
        await AppendAsync(services.GetRequiredService<IEventStore>(), 25);
        var runner = services.GetRequiredService<ProjectionRunner>();
        Assert.True(runner.Projections.Count >= 3);

        var folded = await runner.CatchUpAsync(TestContext.Current.CancellationToken);

        // Batches of 10: 10, 10 and 5 events — three reads of the feed, whatever the number of projections.
        Assert.Equal(3, reads.ReadAllCalls);
        Assert.Equal(25L * runner.Projections.Count, folded);
        var first = seen["tests.first"];
        var second = seen["tests.second"];
        Assert.Equal(Enumerable.Range(1, 25).Select(p => (long)p), first.Select(e => e.Stored.Position));
        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
        Assert.All(await runner.StatusAsync(TestContext.Current.CancellationToken), status => Assert.Equal(25, status.Position));
    }

    [Fact]
    public async Task A_projection_rebuilt_from_zero_and_one_at_the_head_share_a_pass_each_getting_only_what_it_has_not_folded()
    {
        var (services, reads, seen) = Provider();
        using var _ = services;
        var store = services.GetRequiredService<IEventStore>();
        var runner = services.GetRequiredService<ProjectionRunner>();
        await AppendAsync(store, 25);
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        foreach (var list in seen.Values)
        {
            list.Clear();
        }

        services.GetRequiredService<RecorderSettings>().SecondVersion = 2;   // the second projection's new version rebuilds it
        await AppendAsync(store, 12, first: 26);
        var before = reads.ReadAllCalls;

        await runner.CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(26, 12).Select(p => (long)p), seen["tests.first"].Select(e => e.Stored.Position));
        Assert.Equal(Enumerable.Range(1, 37).Select(p => (long)p), seen["tests.second"].Select(e => e.Stored.Position));
        Assert.Equal(37, runner.Projections.OfType<SecondRecorder>().Single().Current.Length);
        Assert.Equal(37, runner.Projections.OfType<FirstRecorder>().Single().Current.Length);
        Assert.Equal(4, reads.ReadAllCalls - before);   // 37 events from 0 in batches of 10, read once for both
        Assert.All(seen["tests.second"].Where(e => e.Stored.Position > 25), e => Assert.Contains(e, seen["tests.first"]));
        Assert.True(await runner.WaitForProjectionsAsync(["tests.first", "tests.second"], 37, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    private static (ServiceProvider Services, CountingReader Reads, ConcurrentDictionary<string, List<ProjectedEvent>> Seen) Provider()
    {
        var seen = new ConcurrentDictionary<string, List<ProjectedEvent>>(StringComparer.Ordinal);
        seen["tests.first"] = [];
        seen["tests.second"] = [];
        CountingReader? reads = null;
        var collection = new ServiceCollection();
        collection.AddSingleton<IClock>(new FakeClock(Now));
        collection.AddSingleton(seen);
        collection.AddSingleton(new RecorderSettings());
        collection.AddSingleton<IEventStoreReader>(sp => reads = new CountingReader(sp.GetRequiredService<IEventStore>()));
        collection.TryAddTally();
        collection.AddCoProduction(o => o.ProjectionBatchSize = 10).UseTestAccess()
            .AddProjection<InMemoryTally>()
            .AddProjection<FirstRecorder>()
            .AddProjection<SecondRecorder>();
        var services = collection.BuildServiceProvider(validateScopes: true);
        _ = services.GetRequiredService<IEventStoreReader>();
        return (services, reads!, seen);
    }

    private static EventData Count(int n) => new("tally.counted", 1, Encoding.UTF8.GetBytes($$"""{"n":{{n}}}"""), Now, Actor.Named("test"));

    private static async Task AppendAsync(IEventStore store, int count, int first = 1)
    {
        for (var n = first; n < first + count; n++)
        {
            var stream = new StreamId("tally-" + (n % 3));
            await store.AppendAsync(stream, (await store.ReadStreamAsync(stream)).Count, [Count(n)]);
        }
    }

    internal sealed class RecorderSettings
    {
        public int SecondVersion { get; set; } = 1;
    }

    /// <summary>Counts events and keeps the ones it was handed.</summary>
    internal sealed class FirstRecorder(ConcurrentDictionary<string, List<ProjectedEvent>> seen) : InMemoryProjection<string>(string.Empty)
    {
        public override string Name => "tests.first";

        public override int Version => 1;

        protected override string Apply(string model, ProjectedEvent e)
        {
            seen[Name].Add(e);
            return model + "x";
        }
    }

    /// <summary>The same, under its own name and a version the test can change.</summary>
    internal sealed class SecondRecorder(ConcurrentDictionary<string, List<ProjectedEvent>> seen, RecorderSettings settings) : InMemoryProjection<string>(string.Empty)
    {
        public override string Name => "tests.second";

        public override int Version => settings.SecondVersion;

        protected override string Apply(string model, ProjectedEvent e)
        {
            seen[Name].Add(e);
            return model + "x";
        }
    }

    /// <summary>Counts the reads of the global feed.</summary>
    internal sealed class CountingReader(IEventStoreReader inner) : IEventStoreReader
    {
        private int readAll;

        public int ReadAllCalls => Volatile.Read(ref readAll);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
            => inner.ReadStreamAsync(stream, fromVersion, cancellationToken);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref readAll);
            return inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);
        }

        public ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default) => inner.ReadLastPositionAsync(cancellationToken);
    }
}
