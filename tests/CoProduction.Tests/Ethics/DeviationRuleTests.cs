using System;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Calendar;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Sweeps;
using CoProduction.Tests.Protocols;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Ethics;

/// <summary>
/// Committee policies looked up by the protocol's committee, never passed; a protocol's dates read in its site's zone;
/// deviations opened by rule in the same write as the out-of-approval action; the pause on late renewal.
/// </summary>
/// <remarks>
/// KWTRP-1 (committee kemri-seru) covers interviews with district managers at Kilifi, approved 2015-03-01 to 2016-02-29.
/// The default zone is left at UTC: Kilifi's own zone, Africa/Nairobi (UTC+3), must decide.
/// </remarks>
public sealed class DeviationRuleTests : IDisposable
{
    private static readonly ProtocolId Kwtrp1 = new("KWTRP-1");
    private static readonly CycleId Cycle2016 = new("kilifi-2016");
    private static readonly ActivityId InterviewsId = new("interviews");
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];

    /// <summary>A Kenyan policy that does not pause studies on late renewal (the preset does): the deviation is recorded instead.</summary>
    private static readonly CommitteePolicy NoPause = CommitteePolicies.KenyaNationalCommittee with { LateRenewalPausesStudy = false };

    /// <summary>Kilifi's calendar with a public holiday on Monday 14 March 2016 (an example).</summary>
    private static readonly WorkingDayCalendar KilifiCalendar = WorkingDayCalendar.MondayToFriday.WithHolidays([new LocalDate(2016, 3, 14)]);

    private readonly FakeClock clock = new(Nairobi9(2015, 12, 1));
    private ServiceProvider? provider;

    private ServiceProvider Provider => provider ?? throw new InvalidOperationException("Build the app first.");

    public void Dispose() => provider?.Dispose();

    private static Instant Nairobi9(int year, int month, int day) => new LocalDateTime(year, month, day, 9, 0).InZoneStrictly(Nairobi).ToInstant();

    private void Build(CommitteePolicy policy, OutOfApprovalActions outOfApproval = OutOfApprovalActions.RecordWithDeviation)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        #region deviation-rules-registration
        services.AddCoProduction(o =>
            {
                o.NotificationPollInterval = TimeSpan.FromHours(1);
                o.OutOfApprovalActions = outOfApproval;   // OutOfApprovalActions.RecordWithDeviation
            })
            .AddCommitteePolicy(ProtocolFixtures.Kemri, policy)                  // the one registry, by CommitteeId
            .AddWorkingDayCalendar(PaperSites.KilifiId, KilifiCalendar);         // Kilifi's weekends and holidays
        #endregion
        services.AddCoProduction().UseTestAccess();   // these tests are about deviations; access has its own (tests/CoProduction.Tests/Access)
        provider = services.BuildServiceProvider(validateScopes: true);
    }

    private async Task SeedAsync(bool withCycle = true)
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = Provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: ct);
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>().CreateAsync(_ => ProtocolFixtures.Approved(), cancellationToken: ct);
        if (!withCycle)
        {
            return;
        }

        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
        clock.Reset(Nairobi9(2016, 1, 11));
        await cycles.StartAsync(new CycleOpening(Cycle2016, PaperSites.KilifiId, 4, "priority-setting after devolution"), cancellationToken: ct);
        clock.Reset(Nairobi9(2016, 1, 20));
        var interviews = new PlannedActivity(
            InterviewsId, "interviews with district managers", ActivityKind.Research,
            new DataCollection(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers), new LocalDate(2016, 2, 1), PaperSites.KilifiLeadResearcher);
        await cycles.ExecuteAsync(Cycle2016, (c, x) => c.PlanActivity(interviews, x.Context), cancellationToken: ct);
        clock.Reset(Nairobi9(2016, 2, 1));
        await cycles.ExecuteAsync(Cycle2016, (c, x) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, x.Context), cancellationToken: ct);
        await cycles.ExecuteAsync(Cycle2016, (c, x) => c.EndorsePlan(PaperSites.KilifiDirector, x.Context), cancellationToken: ct);
        clock.Reset(Nairobi9(2016, 2, 15));
        await cycles.ExecuteAsync(Cycle2016, (c, x) => c.StartActing(x.Context), cancellationToken: ct);
    }

    private static CycleAction InterviewOn(LocalDate on) => new(InterviewsId, on, "three interviews with district managers", []);

    [Fact]
    public async Task A_Nairobi_approval_lapses_at_midnight_in_Nairobi_not_in_the_default_zone()
    {
        Build(CommitteePolicies.KenyaNationalCommittee);
        await SeedAsync(withCycle: false);
        var sweep = Provider.GetRequiredService<SweepService>();

        clock.Reset(Instant.FromUtc(2016, 2, 29, 20, 59));   // 23:59 on the last valid day in Kilifi
        var before = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Reset(Instant.FromUtc(2016, 2, 29, 21, 0));    // 00:00 on 1 March in Kilifi; still 29 February in UTC
        var after = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, before.ProtocolsExpired);
        Assert.Equal(1, after.ProtocolsExpired);
        var expired = Assert.Single(after.Due, r => r.Kind == ReminderKind.ApprovalExpired);
        Assert.Equal(Instant.FromUtc(2016, 2, 29, 21, 0), expired.DueAt);
        Assert.Equal(PaperSites.KilifiId, expired.Site);
    }

    [Fact]
    public async Task Drafting_through_the_DI_layer_refuses_a_committee_without_a_registered_policy_and_writes_nothing()
    {
        Build(CommitteePolicies.KenyaNationalCommittee);
        await SeedAsync(withCycle: false);
        var store = Provider.GetRequiredService<IEventStore>();
        var last = await store.ReadLastPositionAsync(TestContext.Current.CancellationToken);
        using var scope = Provider.CreateScope();
        var draft = new ProtocolDraft(new ProtocolId("UCT-1"), "Leadership in a sub-district", new CommitteeId("uct-hrec"), ProtocolFixtures.KilifiFirstScope) { Institution = "UCT" };

        var ex = await Assert.ThrowsAsync<UnknownCommitteeException>(
            async () => await scope.ServiceProvider.GetRequiredService<ProtocolCommands>().DraftAsync(draft, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal([ProtocolFixtures.Kemri], ex.RegisteredCommittees);
        Assert.Contains("committee 'uct-hrec' has no registered policy (registered: kemri-seru)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(last, await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Starting_a_cycle_at_a_site_never_registered_is_refused_with_a_typed_error_and_writes_nothing()
    {
        Build(CommitteePolicies.KenyaNationalCommittee);
        await SeedAsync(withCycle: false);
        await Provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);
        var store = Provider.GetRequiredService<IEventStore>();
        var last = await store.ReadLastPositionAsync(TestContext.Current.CancellationToken);
        using var scope = Provider.CreateScope();
        var nowhere = new SiteId("nowhere");

        var ex = await Assert.ThrowsAsync<UnknownSiteException>(
            async () => await scope.ServiceProvider.GetRequiredService<CycleCommands>().StartAsync(new CycleOpening(new CycleId("nowhere-1"), nowhere, 1, "focus"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal([nowhere], ex.UnknownSites);
        Assert.Contains("(known: kilifi)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(last, await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await store.ReadStreamAsync(AggregateRepository<Cycle>.StreamOf(new CycleId("nowhere-1")), 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_action_outside_approval_opens_its_deviation_in_the_same_write_due_in_the_site_s_working_days_and_reaches_agenda_reminders_and_calendar()
    {
        Build(NoPause);
        await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = Provider.GetRequiredService<IEventStore>();
        var before = await store.ReadLastPositionAsync(ct);
        clock.Reset(Nairobi9(2016, 3, 10));   // a Thursday; the approval ended on 29 February

        WorkflowResult result;
        using (var scope = Provider.CreateScope())
        {
            #region deviation-by-rule
            var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
            result = await cycles.RecordActionAsync(Cycle2016, InterviewOn(new LocalDate(2016, 3, 9)), new CommandId("action-1"), cancellationToken: ct);
            var opened = result.Get<ProtocolDeviation>(AggregateRepository<ProtocolDeviation>.StreamOf(DeviationWorkflow.DeviationOf(Cycle2016, 1)));
            // opened.State: Protocol KWTRP-1, ProtocolVersion 1, DiscoveredOn 2016-03-10, ReportDueOn 2016-03-22
            #endregion
            Assert.Equal(new LocalDate(2016, 3, 22), opened.State.ReportDueOn);
        }

        var written = await store.ReadAllAsync(before, 10, ct);
        Assert.Equal(["cycle.action-recorded-outside-approval", "deviation.recorded"], written.Select(e => e.EventName).Order(StringComparer.Ordinal));
        Assert.All(written, e => Assert.Equal(new CommandId("action-1"), e.CommandId));
        var id = DeviationWorkflow.DeviationOf(Cycle2016, 1);
        var deviation = result.Get<ProtocolDeviation>(AggregateRepository<ProtocolDeviation>.StreamOf(id)).State;
        Assert.Equal(Kwtrp1, deviation.Protocol);
        Assert.Equal(1, deviation.ProtocolVersion);
        Assert.Equal(Cycle2016, deviation.Cycle);
        Assert.Equal(new LocalDate(2016, 3, 9), deviation.OccurredOn);
        Assert.Equal(new LocalDate(2016, 3, 10), deviation.DiscoveredOn);
        // Seven working days after Thursday 10 March, skipping the weekends and the holiday on Monday 14 March.
        Assert.Equal(new LocalDate(2016, 3, 22), deviation.ReportDueOn);
        Assert.Equal(new LocalDate(2016, 3, 22), KilifiCalendar.AddWorkingDays(deviation.DiscoveredOn, NoPause.DeviationReportingWorkingDays));

        using (var scope = Provider.CreateScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<CycleCommands>().RecordActionAsync(Cycle2016, InterviewOn(new LocalDate(2016, 3, 9)), new CommandId("action-1"), cancellationToken: ct);
            Assert.True(again.WasDuplicate);
        }

        Assert.Equal(written[^1].Position, await store.ReadLastPositionAsync(ct));

        // The agenda of deadlines: the register's due query.
        await Provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(ct);
        var register = Provider.GetRequiredService<IDeviationRegister>();
        var due = Assert.Single((await register.DeviationsDueByAsync(new LocalDate(2016, 3, 22), cancellationToken: ct)).Items);
        Assert.Equal((id, 1, "Africa/Nairobi"), (due.Deviation, due.ProtocolVersion!.Value, due.TimeZoneId!));
        Assert.Empty((await register.DeviationsDueByAsync(new LocalDate(2016, 3, 21), cancellationToken: ct)).Items);

        // The reminders: due at 08:00 in Kilifi on its last day, overdue when the next day begins there.
        var sweep = Provider.GetRequiredService<SweepService>();
        clock.Reset(new LocalDateTime(2016, 3, 22, 8, 0).InZoneStrictly(Nairobi).ToInstant());
        var reminder = Assert.Single((await sweep.RunOnceAsync(ct)).Due, r => r.Kind == ReminderKind.DeviationReportDue);
        Assert.Equal($"deviation-report-due/kilifi/{id}/2016-03-22", reminder.Id);
        Assert.Equal(PaperSites.KilifiId, reminder.Site);
        clock.Reset(Instant.FromUtc(2016, 3, 22, 21, 0));
        Assert.Contains((await sweep.RunOnceAsync(ct)).Due, r => r.Id == $"deviation-report-overdue/kilifi/{id}/2016-03-22");
        Assert.Equal([id], (await register.OverdueDeviationsAsync(cancellationToken: ct)).Items.Select(d => d.Deviation));

        // The calendar: parsed back with Ical.Net.
        #region deviation-calendar
        var input = new DeviationInput(due.Deviation, due.Protocol, due.Site, due.Activity, due.ReportDueOn, Nairobi);
        var ics = new IcsExporter(clock).ExportDeviations([input]);
        #endregion
        var parsed = Ical.Net.Calendar.Load(ics)!;
        var todo = Assert.Single(parsed.Todos);
        Assert.Equal($"deviation-{id}@coproduction", todo.Uid);
        Assert.Equal(new LocalDate(2016, 3, 23).AtStartOfDayInZone(Nairobi).ToDateTimeUtc(), todo.Due!.AsUtc);
        Assert.Equal(2, todo.Alarms.Count);
        Assert.Contains("deviation", todo.Categories);
    }

    [Fact]
    public async Task Under_a_committee_that_pauses_late_renewals_data_collection_is_refused_until_renewal_with_the_reason_and_nothing_is_written()
    {
        Build(CommitteePolicies.KenyaNationalCommittee);
        await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = Provider.GetRequiredService<IEventStore>();
        var before = await store.ReadLastPositionAsync(ct);
        clock.Reset(Nairobi9(2016, 3, 10));
        using var scope = Provider.CreateScope();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();

        #region deviation-study-paused
        var ex = await Assert.ThrowsAsync<CommandRejectedException>(
            async () => await cycles.RecordActionAsync(Cycle2016, InterviewOn(new LocalDate(2016, 3, 9)), cancellationToken: ct));
        // ex.Refusal.UnmetGuards[0].Description == Cycle.StudyPausedGuard: renew the protocol first
        #endregion

        Assert.Equal(RefusalKind.GuardsUnmet, ex.Refusal.Kind);
        var unmet = Assert.Single(ex.Refusal.UnmetGuards);
        Assert.Equal(Cycle.StudyPausedGuard, unmet.Description);
        Assert.Equal(
            "Action on activity 'interviews with district managers' on 2016-03-09 collects data under protocol 'KWTRP-1' version 1, whose approval has lapsed;"
            + " committee 'kemri-seru' pauses the study until the renewal is approved: renew protocol 'KWTRP-1' before collecting data again",
            Assert.Single(unmet.Reasons));
        Assert.Equal(before, await store.ReadLastPositionAsync(ct));

        // Renewed (the Kenyan committee renews a lapsed approval, leaving the gap unapproved): the pause ends, and an
        // action dated in the gap is recorded with its deviation.
        clock.Reset(Nairobi9(2016, 3, 15));
        var rules = await scope.ServiceProvider.GetRequiredService<ProtocolCommands>().RulesForAsync([PaperSites.KilifiId], ct);
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>().ExecuteAsync(
            Kwtrp1, (p, c) => p.Renew(new LocalDate(2016, 3, 15), new LocalDate(2017, 3, 14), new ProtocolContext(c.Stamp, rules)), cancellationToken: ct);
        var recorded = await cycles.RecordActionAsync(Cycle2016, InterviewOn(new LocalDate(2016, 3, 9)), cancellationToken: ct);
        Assert.Contains(recorded.Aggregates, a => a is ProtocolDeviation);
        var covered = await cycles.RecordActionAsync(Cycle2016, InterviewOn(new LocalDate(2016, 3, 15)), cancellationToken: ct);
        Assert.DoesNotContain(covered.Aggregates, a => a is ProtocolDeviation);
    }

    [Fact]
    public async Task The_single_aggregate_path_refuses_an_action_that_would_need_a_deviation_and_names_the_workflow()
    {
        Build(NoPause);
        await SeedAsync();
        clock.Reset(Nairobi9(2016, 3, 10));
        using var scope = Provider.CreateScope();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await scope.ServiceProvider.GetRequiredService<CycleCommands>()
            .ExecuteAsync(Cycle2016, (c, x) => c.RecordAction(InterviewOn(new LocalDate(2016, 3, 9)), x.Context), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(nameof(CycleCommands.RecordActionAsync), ex.Message, StringComparison.Ordinal);
    }
}
