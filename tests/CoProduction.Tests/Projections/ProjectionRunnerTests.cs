using CoProduction.DependencyInjection;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Streams;
using CoProduction.Telemetry;
using CoProduction.Tests.Persistence.Journals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Projections;

public sealed class ProjectionRunnerTests
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);

    [Fact]
    public async Task A_catch_up_logs_its_start_its_progress_with_position_total_and_rate_and_its_end()
    {
        var logs = new LogRecorder();
        using var services = Provider(s =>
        {
            s.AddSingleton<TimeProvider>(new LeapingTime());
            s.AddLogging(l => l.AddProvider(logs));
        });
        await AppendAsync(services.GetRequiredService<IEventStore>(), 50);

        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        var tally = logs.Messages.Where(m => m.Contains(TallySettings.Name, StringComparison.Ordinal)).ToList();
        Assert.Contains($"Projection {TallySettings.Name} (version 1) is new to this store: its model is built from position 0.", tally);
        Assert.Contains($"Projection {TallySettings.Name} catches up from position 0 to 50.", tally);
        Assert.Contains(tally, m => m.StartsWith($"Projection {TallySettings.Name} is at position 10 of 50 (", StringComparison.Ordinal) && m.EndsWith(" events/s).", StringComparison.Ordinal));
        Assert.Contains(tally, m => m.StartsWith($"Projection {TallySettings.Name} caught up at position 50: 50 events in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lag_is_a_gauge_per_projection_and_parked_events_are_counted()
    {
        var lag = new ConcurrentDictionary<string, long>();
        long parked = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CoProductionTelemetry.Name
                    && instrument.Name is CoProductionTelemetry.ProjectionLag or CoProductionTelemetry.EventsParked)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Tests run in parallel and share the meter: only this test's projection counts.
            var subscriber = tags.ToArray().Select(t => t.Value as string).FirstOrDefault(v => v == MeteredTally.ProjectionName);
            if (subscriber is null)
            {
                return;
            }

            if (instrument.Name == CoProductionTelemetry.ProjectionLag)
            {
                lag[subscriber] = value;
            }
            else
            {
                Interlocked.Add(ref parked, value);
            }
        });
        listener.Start();
        using var services = Provider(configure: b => b.AddProjection<MeteredTally>());
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 12);
        var runner = services.GetRequiredService<ProjectionRunner>();

        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, lag[MeteredTally.ProjectionName]);
        await AppendAsync(store, 4, 13);
        Assert.Equal(4, (await runner.StatusAsync(TestContext.Current.CancellationToken)).Single(s => s.Name == MeteredTally.ProjectionName).Lag);

        Assert.Equal(1, Interlocked.Read(ref parked));
    }

    [Fact]
    public async Task An_app_aggregate_s_category_is_listed_with_its_type()
    {
        using var services = Provider(configure: b => b.AddStreamCategory<Journal>());
        var store = services.GetRequiredService<IEventStore>();
        await store.AppendAsync(new StreamId("journal-kilifi"), 0, [Count(1)], cancellationToken: TestContext.Current.CancellationToken);
        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        var entry = await services.GetRequiredService<IStreamIndex>().FindAsync(new StreamId("journal-kilifi"), TestContext.Current.CancellationToken);

        Assert.Equal(("journal", "Journal"), (entry!.Category, entry.AggregateType));
    }

    [Fact]
    public void Two_projections_with_one_name_stop_the_app_at_start()
    {
        using var services = Provider(configure: b => b.AddProjection<TallyTwin>());

        var ex = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ProjectionRunner>());

        Assert.Contains($"Two projections are named '{TallySettings.Name}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuilding_a_projection_nobody_registered_names_the_registered_ones()
    {
        using var services = Provider();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<ProjectionRunner>().RebuildAsync("nobody", TestContext.Current.CancellationToken));

        Assert.Contains(TallySettings.Name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("coproduction.stream-index", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_side_options_out_of_range_are_refused_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddCoProduction(o =>
        {
            o.ProjectionBatchSize = 0;
            o.ProjectionLagThreshold = -1;
            o.NotificationAttempts = 101;
        }).UseTestAccess();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoProductionOptions>>().Value);

        Assert.Equal(
            [
                "CoProduction:NotificationAttempts is 101; it is 1 to 100.",
                "CoProduction:ProjectionBatchSize is 0; it is 1 to 10000.",
                "CoProduction:ProjectionLagThreshold is -1; it is 0 to 1000000000.",
            ],
            ex.Failures);
    }

    private static ServiceProvider Provider(Action<IServiceCollection>? services = null, Action<CoProductionBuilder>? configure = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IClock>(new FakeClock(Now));
        services?.Invoke(collection);
        collection.TryAddTally();
        var builder = collection.AddCoProduction(o => o.ProjectionBatchSize = 10).UseTestAccess().AddProjection<InMemoryTally>();
        configure?.Invoke(builder);
        return collection.BuildServiceProvider(validateScopes: true);
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

    /// <summary>Counts events and refuses the third, under a name of its own.</summary>
    private sealed class MeteredTally() : InMemoryProjection<string>(string.Empty)
    {
        public const string ProjectionName = "tests.metered";

        public override string Name => ProjectionName;

        public override int Version => 1;

        protected override string Apply(string model, ProjectedEvent e)
            => e.Stored.Position == 3 ? throw new InvalidOperationException("Not this one.") : model + "x";
    }

    /// <summary>A second projection under the tally's name.</summary>
    private sealed class TallyTwin(TallySettings settings) : InMemoryProjection<string>(string.Empty)
    {
        public override string Name => TallySettings.Name;

        public override int Version => settings.Version;

        protected override string Apply(string model, ProjectedEvent e) => model;
    }

    /// <summary>A clock for elapsed time that leaps six seconds each time it is read, so every batch is "a few seconds" later.</summary>
    private sealed class LeapingTime : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, 6 * TimeSpan.TicksPerSecond);
    }

    private sealed class LogRecorder : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyList<string> Messages => [.. messages];

        public ILogger CreateLogger(string categoryName) => new Recording(messages);

        public void Dispose()
        {
        }

        private sealed class Recording(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => messages.Enqueue(formatter(state, exception));
        }
    }
}

internal static class TallyServices
{
    public static void TryAddTally(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TallySettings)))
        {
            services.AddSingleton(new TallySettings());
        }
    }
}
