using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.DependencyInjection;
using CoProduction.Reports;

namespace CoProduction.Samples.LearningSites;

/// <summary>
/// The paper's story, run through the library: a programme with three learning sites, protocols
/// reviewed, approved, amended and renewed, annual cycles at Kilifi and monthly leadership workshop
/// cycles at Sedibeng, the ethics gate blocking an uncovered plan, a strike pausing a cycle.
/// A fake clock walks through the years, so a run with the same seed is the same run.
/// </summary>
/// <remarks>
/// The first run writes the seven-year story (2012–2018) to <c>learning-site.db</c> in the output
/// folder. A later run on the same folder continues: it loads the stored history back, renews the
/// protocol and runs the next annual cycle at Kilifi from the last one's revisions. <c>--fresh</c>
/// deletes the sample's files first.
/// </remarks>
public sealed partial class LearningSiteScenario : IAsyncDisposable
{
    /// <summary>The database's file name inside the output folder.</summary>
    public const string DatabaseFileName = "learning-site.db";

    private static readonly string[] OwnFiles =
        [DatabaseFileName, DatabaseFileName + "-wal", DatabaseFileName + "-shm", "learning-site.ics", "learning-site-report.md"];

    private readonly SampleOptions _options;
    private readonly FakeClock _clock = new(Instant.FromUtc(2012, 1, 2, 6, 0));
    private readonly ServiceProvider _services;
    private readonly IDateTimeZoneProvider _zones;
    private readonly IEventStore _store;
    private readonly Dictionary<SiteId, LearningSite> _sites = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<AvailabilityMoment> _moments = [];
    private readonly List<CycleId> _completed = [];
    private readonly List<(string Site, string Kind, string Text)> _learnt = [];
    private readonly List<CycleId> _pausedAndResumed = [];
    private readonly List<string> _blockedBeforeAmendment = [];
    private readonly Random _random;
    private Programme? _programme;
    private bool _permittedAfterAmendment;

    private LearningSiteScenario(SampleOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);

        // Composed as an app would be: AddCoProduction on the embedded SQLite store. The fake clock is
        // registered first, and AddCoProduction keeps what the app registered (TryAdd).
        var services = new ServiceCollection().AddSingleton<IClock>(_clock);
        services.AddCoProduction(o => o.DefaultTimeZone = "Africa/Nairobi").UseSqliteStore(DatabasePath).AddReports();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _zones = _services.GetRequiredService<IDateTimeZoneProvider>();
        _store = _services.GetRequiredService<IEventStore>();
    }

    private string DatabasePath => Path.Combine(_options.OutputDirectory, DatabaseFileName);

    /// <summary>Runs the scenario: the whole story on an empty folder, one more year on a folder that holds it.</summary>
    /// <param name="options">Where, whether to start again, and the seed.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <returns>What happened and where the files are.</returns>
    public static async Task<ScenarioResult> RunAsync(SampleOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.OutputDirectory);
        if (options.Fresh)
        {
            // A pooled connection would keep the deleted file alive and serve its old content.
            SqliteConnection.ClearAllPools();
            foreach (var file in OwnFiles)
            {
                File.Delete(Path.Combine(options.OutputDirectory, file));
            }

            foreach (var folder in new[] { DiagramFolder, ReportFolder })
            {
                var path = Path.Combine(options.OutputDirectory, folder);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
        }

        await using var scenario = new LearningSiteScenario(options);
        return await scenario.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);

        // Lets go of the database file, so the folder can be deleted or the run repeated with --fresh.
        SqliteConnection.ClearAllPools();
    }

    private async Task<ScenarioResult> RunAsync(CancellationToken ct)
    {
        var continued = (await _store.ReadAllAsync(0, 1, ct).ConfigureAwait(false)).Count > 0;
        if (continued)
        {
            await ContinueAsync(ct).ConfigureAwait(false);
        }
        else
        {
            await TellTheStoryAsync(ct).ConfigureAwait(false);
        }

        return await FinishAsync(continued, ct).ConfigureAwait(false);
    }

    private async Task TellTheStoryAsync(CancellationToken ct)
    {
        await RunAsync(RegisterProgramme(ct), ct).ConfigureAwait(false);
        await RunAsync(ApproveProtocols(ct), ct).ConfigureAwait(false);
        await RunAsync([KilifiYears(2013, 2018, ct), MitchellsPlainYears(2012, 2018, ct), SedibengYears(ct), WorkshopYear(2016, ct), TeamChanges(ct), LedgerStory(ct)], ct).ConfigureAwait(false);
    }

    // ---- storylines --------------------------------------------------------------------------------

    /// <summary>
    /// Runs storylines side by side on one fake clock. A storyline yields the instant it wants to go
    /// on at; the earliest goes next, with the clock moved there. So each storyline reads top to
    /// bottom like the paper's account, and the clock still only moves forward.
    /// </summary>
    private async Task RunAsync(IReadOnlyList<IAsyncEnumerable<Instant>> storylines, CancellationToken ct)
    {
        var waiting = new List<(IAsyncEnumerator<Instant> Line, Instant Next)>();
        try
        {
            foreach (var storyline in storylines)
            {
                var line = storyline.GetAsyncEnumerator(ct);
                if (await line.MoveNextAsync().ConfigureAwait(false))
                {
                    waiting.Add((line, line.Current));
                }
                else
                {
                    await line.DisposeAsync().ConfigureAwait(false);
                }
            }

            while (waiting.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                var next = 0;
                for (var i = 1; i < waiting.Count; i++)
                {
                    if (waiting[i].Next < waiting[next].Next)
                    {
                        next = i;
                    }
                }

                var (line, at) = waiting[next];
                if (at > _clock.GetCurrentInstant())
                {
                    _clock.Reset(at);
                }

                if (await line.MoveNextAsync().ConfigureAwait(false))
                {
                    waiting[next] = (line, line.Current);
                }
                else
                {
                    waiting.RemoveAt(next);
                    await line.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            foreach (var (line, _) in waiting)
            {
                await line.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private Task RunAsync(IAsyncEnumerable<Instant> storyline, CancellationToken ct) => RunAsync([storyline], ct);

    // ---- the clock and the story's days ------------------------------------------------------------

    private DateTimeZone ZoneOf(SiteId site) => _zones[site == Cast.Kilifi ? "Africa/Nairobi" : "Africa/Johannesburg"];

    /// <summary>The instant of a local time at a site, for a storyline to yield: it goes on then (or now, if that has passed).</summary>
    private Instant When(SiteId site, LocalDate date, int hour = 9)
        => date.At(new LocalTime(hour, 0)).InZoneLeniently(ZoneOf(site)).ToInstant();

    private Instant Now => _clock.GetCurrentInstant();

    private LocalDate Today(SiteId site) => _clock.GetCurrentInstant().InZone(ZoneOf(site)).Date;

    /// <summary>A day of the month that the seed varies, so different seeds tell the story on different days.</summary>
    private int DayAround(int day, int spread = 5) => day + _random.Next(spread);

    private void Note(SiteId site, TimelineKind kind, string what)
        => _timeline.Add(new TimelineEntry(Today(site), _sites.TryGetValue(site, out var s) ? s.State.Name : site.Value, kind, what));

    private void NoteProgramme(TimelineKind kind, string what)
        => _timeline.Add(new TimelineEntry(Today(Cast.Kilifi), "RESYST", kind, what));

    private CycleRules Rules => new(Gate, TeamRoster.Of([.. SiteStates()]), _zones);

    private IEnumerable<LearningSiteState> SiteStates()
    {
        foreach (var site in _sites.Values)
        {
            yield return site.State;
        }
    }

    /// <summary>A cycle completed: counted, and what it learnt kept (each insight and lesson once per site).</summary>
    private void Completed(Cycle cycle)
    {
        _completed.Add(cycle.Id);
        var site = _sites[cycle.State.Site].State.Name;
        foreach (var (kind, text) in cycle.State.Reflections.SelectMany(r => r.Insights.Select(i => ("insight", i)))
            .Concat(cycle.State.Revisions.SelectMany(r => r.Lessons.Select(l => ("lesson", l)))))
        {
            if (!_learnt.Contains((site, kind, text)))
            {
                _learnt.Add((site, kind, text));
            }
        }
    }

    private static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- saving ------------------------------------------------------------------------------------

    private async Task SaveAsync<TAggregate>(TAggregate aggregate, CancellationToken ct)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        await _services.GetRequiredService<AggregateRepository<TAggregate>>().SaveAsync(aggregate, null, ct).ConfigureAwait(false);
    }
}
