using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Storage.Sqlite;
using CoProduction.Sweeps;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.ReadModels;

/// <summary>
/// The agenda on both stores, with Box 2's rhythms: Sedibeng's researchers reflect monthly and meet before and after
/// each leadership workshop (a debrief the day after, linked to the workshops); Mitchell's Plain reflects quarterly.
/// </summary>
public abstract class AgendaTests(bool sqlite) : IDisposable
{
    private readonly ReadModelApp app = ReadModelApp.Create(sqlite, new FakeClock(Instant.FromUtc(2016, 3, 1, 6, 0)));
    private static readonly DateTimeZone Johannesburg = DateTimeZoneProviders.Tzdb["Africa/Johannesburg"];
    private static readonly SeriesId Reflection = new("sedibeng-reflection");
    private static readonly SeriesId Workshop = new("sedibeng-workshop");
    private static readonly SeriesId Debrief = new("sedibeng-debrief");
    private static readonly SeriesId MitchellsPlainReflection = new("mp-reflection");

    private FakeClock Clock => app.Clock;

    private ServiceProvider Provider => app.Provider;

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_agenda_holds_each_series_recorded_meetings_and_its_first_meeting_still_to_be_held()
    {
        await SeedAsync();
        var agenda = Provider.GetRequiredService<IAgenda>();

        var reflection = await agenda.GetAsync(Reflection, TestContext.Current.CancellationToken);
        Assert.NotNull(reflection);
        Assert.Equal(PaperSites.SedibengId, reflection.Site);
        Assert.Equal(MeetingKind.ResearcherReflection, reflection.Kind);
        Assert.Equal("Sedibeng researchers' reflection", reflection.Title);
        Assert.Equal(new AgendaOutcome(new LocalDate(2016, 3, 10), OccurrenceStatus.Held, null), Assert.Single(reflection.Outcomes));
        Assert.Equal(new LocalDate(2016, 4, 10), reflection.NextSlot);
        Assert.Equal(Instant.FromUtc(2016, 4, 10, 8, 0), reflection.NextDue);   // 10:00 SAST

        var workshop = await agenda.GetAsync(Workshop, TestContext.Current.CancellationToken);
        Assert.Equal(OccurrenceStatus.Cancelled, Assert.Single(workshop!.Outcomes).Status);
        Assert.Equal(Instant.FromUtc(2016, 4, 20, 7, 0), workshop.NextDue);

        var debrief = await agenda.GetAsync(Debrief, TestContext.Current.CancellationToken);
        Assert.Equal(Workshop, debrief!.LinkedTo);
        Assert.Null(debrief.NextDue);   // a linked series' dates are its base's: the domain's agenda decides at query time

        // Mitchell's Plain's March meeting was moved two days later, then held there.
        var mp = await agenda.GetAsync(MitchellsPlainReflection, TestContext.Current.CancellationToken);
        Assert.Equal(new AgendaOutcome(new LocalDate(2016, 3, 15), OccurrenceStatus.Held, Instant.FromUtc(2016, 3, 17, 12, 0)), Assert.Single(mp!.Outcomes));
        Assert.Equal(Instant.FromUtc(2016, 6, 15, 12, 0), mp.NextDue);

        var sedibeng = await agenda.OfSiteAsync(PaperSites.SedibengId, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([Debrief, Reflection, Workshop], sedibeng.Items.Select(s => s.Series));
    }

    [Fact]
    public async Task Meetings_due_are_those_still_to_be_held_from_now_to_the_instant_and_overdue_are_those_whose_end_passed_unrecorded()
    {
        await SeedAsync();
        var agenda = Provider.GetRequiredService<IAgenda>();
        var until = Clock.GetCurrentInstant() + Duration.FromDays(14);   // 2016-04-26 06:00Z

        var due = await AllAsync(after => agenda.DueAsync(until, after: after, limit: 1, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(
            [(Debrief, new LocalDate(2016, 4, 21)), (Workshop, new LocalDate(2016, 4, 20))],
            due.SelectMany(d => d.Meetings.Select(m => (d.Series.Series, m.Occurrence.Slot))));

        var overdue = await agenda.OverdueAsync(cancellationToken: TestContext.Current.CancellationToken);
        var late = Assert.Single(overdue.Items);
        Assert.Equal(Reflection, late.Series.Series);
        Assert.Equal(new LocalDate(2016, 4, 10), Assert.Single(late.Meetings).Occurrence.Slot);
        Assert.Empty((await agenda.OverdueAsync(PaperSites.MitchellsPlainId, cancellationToken: TestContext.Current.CancellationToken)).Items);
        Assert.Empty((await agenda.DueAsync(until, PaperSites.MitchellsPlainId, cancellationToken: TestContext.Current.CancellationToken)).Items);

        // Mitchell's Plain's June meeting is due within 70 days, at its site only.
        var june = await agenda.DueAsync(Clock.GetCurrentInstant() + Duration.FromDays(70), PaperSites.MitchellsPlainId, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new LocalDate(2016, 6, 15), Assert.Single(Assert.Single(june.Items).Meetings).Occurrence.Slot);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await agenda.DueAsync(Clock.GetCurrentInstant(), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await agenda.OverdueAsync(limit: 0, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Adherence_is_the_domain_s_cadence_kept_up_to_now()
    {
        await SeedAsync();
        var agenda = Provider.GetRequiredService<IAgenda>();

        // March held, April unrecorded: two due, one kept.
        var reflection = await agenda.AdherenceAsync(Reflection, Duration.Zero, TestContext.Current.CancellationToken);
        Assert.Equal(new CadenceAdherence(Reflection, Due: 2, Kept: 1, HeldLate: 0, Missed: 0, Cancelled: 0, Unrecorded: 1), reflection);
        Assert.Equal(0.5, reflection!.Ratio);

        // Moved by two days: late within a day's tolerance, kept within three.
        Assert.Equal(1, (await agenda.AdherenceAsync(MitchellsPlainReflection, Duration.FromDays(1), TestContext.Current.CancellationToken))!.HeldLate);
        Assert.Equal(1, (await agenda.AdherenceAsync(MitchellsPlainReflection, Duration.FromDays(3), TestContext.Current.CancellationToken))!.Kept);
        Assert.Null(await agenda.AdherenceAsync(new SeriesId("nowhere"), Duration.Zero, TestContext.Current.CancellationToken));

        var site = await agenda.AdherenceOfSiteAsync(PaperSites.SedibengId, Duration.Zero, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(
            [(Debrief, 1, 1), (Reflection, 2, 0), (Workshop, 1, 1)],
            site.Items.Select(a => (a.Series, a.Due, a.Cancelled)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await agenda.AdherenceAsync(Reflection, Duration.FromDays(-1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_sweep_reminds_of_meetings_the_agenda_says_start_within_the_lead()
    {
        await SeedAsync();
        Clock.Reset(Instant.FromUtc(2016, 4, 19, 8, 0));   // the workshop starts 2016-04-20 07:00Z, within a day

        var swept = await Provider.GetRequiredService<SweepService>().RunOnceAsync(TestContext.Current.CancellationToken);

        var reminder = Assert.Single(swept.Due, r => r.Kind == ReminderKind.MeetingUpcoming);
        Assert.Equal("meeting-upcoming/sedibeng-workshop/2016-04-20/2016-04-20T07:00:00Z", reminder.Id);
    }


    private static async Task<List<T>> AllAsync<T>(Func<DocumentCursor?, ValueTask<DocumentPage<T>>> page)
    {
        var all = new List<T>();
        DocumentCursor? after = null;
        do
        {
            var next = await page(after);
            all.AddRange(next.Items);
            after = next.Next;
        }
        while (after is not null);
        return all;
    }

    private static MeetingSeriesPlan Plan(SeriesId id, MeetingKind kind, string title, SiteId site, Cadence cadence, LocalTime start)
        => new(id, kind, title, site, Johannesburg, start, Duration.FromHours(2), new LocalDate(2016, 3, 1), new LocalDate(2016, 12, 31), [], cadence);

    /// <summary>Plans the four series on 2016-03-01 and records March; leaves the clock at 2016-04-12 06:00Z.</summary>
    private async Task SeedAsync()
    {
        using var scope = Provider.CreateScope();
        var series = scope.ServiceProvider.GetRequiredService<IAggregateCommands<MeetingSeries>>();
        var ct = TestContext.Current.CancellationToken;
        foreach (var plan in new[]
        {
            Plan(Reflection, MeetingKind.ResearcherReflection, "Sedibeng researchers' reflection", PaperSites.SedibengId, Cadence.Monthly(10), new LocalTime(10, 0)),
            Plan(Workshop, MeetingKind.LeadershipWorkshop, "Leadership workshop", PaperSites.SedibengId, Cadence.Monthly(20), new LocalTime(9, 0)),
            Plan(Debrief, MeetingKind.WorkshopDebrief, "Workshop debrief", PaperSites.SedibengId, Cadence.After(Workshop, 1), new LocalTime(9, 0)),
            Plan(MitchellsPlainReflection, MeetingKind.ResearcherReflection, "Mitchell's Plain reflection", PaperSites.MitchellsPlainId, Cadence.Quarterly(15), new LocalTime(14, 0)),
        })
        {
            await series.CreateAsync(c => MeetingSeries.Plan(plan, c.Stamp), cancellationToken: ct);
        }

        var timetable = await TimetableAsync();
        MeetingOccurrence On(SeriesId id, LocalDate slot) => timetable.Occurrences(id, slot.AtStartOfDayInZone(Johannesburg).ToInstant(), slot.PlusDays(1).AtStartOfDayInZone(Johannesburg).ToInstant()).Single();

        Clock.Reset(Instant.FromUtc(2016, 3, 10, 12, 30));
        await series.ExecuteAsync(Reflection, (s, c) => s.RecordHeld(On(Reflection, new(2016, 3, 10)), new MeetingAttendance([PaperSites.SedibengLeadResearcher]), c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2016, 3, 14, 9, 0));
        await series.ExecuteAsync(MitchellsPlainReflection, (s, c) => s.Reschedule(On(MitchellsPlainReflection, new(2016, 3, 15)), new LocalDateTime(2016, 3, 17, 14, 0), "clinic audit", c.Stamp), cancellationToken: ct);
        await series.ExecuteAsync(Workshop, (s, c) => s.Cancel(On(Workshop, new(2016, 3, 20)), "strike", c.Stamp), cancellationToken: ct);
        await series.ExecuteAsync(Debrief, (s, c) => s.Cancel(On(Debrief, new(2016, 3, 21)), "no workshop", c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2016, 3, 17, 15, 0));
        await series.ExecuteAsync(MitchellsPlainReflection, (s, c) => s.RecordHeld(On(MitchellsPlainReflection, new(2016, 3, 15)), new MeetingAttendance([PaperSites.MitchellsPlainLeadResearcher]), c.Stamp), cancellationToken: ct);

        Clock.Reset(Instant.FromUtc(2016, 4, 12, 6, 0));
        await Provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(ct);
    }

    private async Task<MeetingTimetable> TimetableAsync()
    {
        var repository = Provider.GetRequiredService<CoProduction.Persistence.AggregateRepository<MeetingSeries>>();
        var plans = new List<MeetingSeriesPlan>();
        foreach (var id in new[] { Reflection, Workshop, Debrief, MitchellsPlainReflection })
        {
            plans.Add((await repository.LoadAsync(CoProduction.Persistence.AggregateRepository<MeetingSeries>.StreamOf(id), TestContext.Current.CancellationToken)).State.Plan);
        }

        return new MeetingTimetable(plans);
    }
}

public sealed class InMemoryAgendaTests() : AgendaTests(sqlite: false);

public sealed class SqliteAgendaTests() : AgendaTests(sqlite: true);
