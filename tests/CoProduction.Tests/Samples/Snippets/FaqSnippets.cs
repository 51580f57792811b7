using System;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/faq.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).
public sealed class FaqSnippets
{
    private static readonly IDateTimeZoneProvider Zones = DateTimeZoneProviders.Tzdb;
    private static readonly Actor By = Actor.Named("kilifi-team");

    [Fact]
    public void A_refused_command_says_why_and_changes_nothing()
    {
        var (cycle, rules, clock) = EmptyCycle();
        string? shown = null;

        #region faq-why-refused
        try
        {
            cycle.StartActing(rules.At(new Stamp(clock.GetCurrentInstant(), By)));
        }
        catch (CommandRejectedException e)
        {
            // e.State is CycleStage.Planning, e.Trigger is CycleTrigger.StartActing, e.PermittedTriggers lists what is possible instead,
            // e.Refusal.Kind is RefusalKind.GuardsUnmet, e.Reasons: "The plan has no activity yet", ... — show them; nothing was recorded.
            shown = string.Join(Environment.NewLine, e.Reasons);
        }
        #endregion

        Assert.Contains("The plan has no activity yet", shown, StringComparison.Ordinal);
        Assert.Equal(1, cycle.Version);
    }

    [Fact]
    public void A_team_can_relax_collective_endorsement()
    {
        var (cycle, rules, clock) = EmptyCycle();
        var at = clock.GetCurrentInstant();
        cycle.PlanActivity(new PlannedActivity(new ActivityId("feedback"), "feedback", ActivityKind.Feedback, null, new LocalDate(2016, 3, 8), new MemberId("amina")), rules.At(new Stamp(at, By)));

        #region faq-relax-policy
        var relaxed = rules.With(CyclePolicy.Default with { RequireCollectiveEndorsement = false, RequireManagerAtReflection = false });
        cycle.EndorsePlan(new MemberId("amina"), relaxed.At(new Stamp(at, By)));   // one endorsement by any member holding a role is enough now
        cycle.StartActing(relaxed.At(new Stamp(at, By)));
        #endregion

        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void A_shock_pauses_a_cycle_which_resumes_where_it_was()
    {
        var (cycle, rules, clock) = EmptyCycle();

        #region faq-pause
        cycle.Pause(ShockKind.Strike, "Nurses' strike: facilities closed", rules.At(new Stamp(clock.GetCurrentInstant(), By)));
        clock.AdvanceDays(154);
        cycle.Resume(rules.At(new Stamp(clock.GetCurrentInstant(), By)));   // back to the stage it left; State.Pauses keeps the shock and its length
        #endregion

        Assert.Equal(CycleStage.Planning, cycle.Stage);
        Assert.Equal(Duration.FromDays(154), cycle.State.Pauses[0].EndedAt!.Value - cycle.State.Pauses[0].PausedAt);
    }

    [Fact]
    public void Reminders_fall_due_before_an_approval_lapses()
    {
        var clock = new FakeClock(Instant.FromUtc(2018, 1, 3, 6, 0));

        #region faq-reminders
        var policy = CommitteePolicies.KenyaNationalCommittee;   // an example preset: confirm lead times with your committee
        var approvalEnd = new LocalDate(2018, 1, 31);
        var window = new ApprovalWindowInput(new ProtocolId("KWTRP-2"), "Micro-practices of governance", new SiteId("kilifi"),
            approvalEnd, Zones["Africa/Nairobi"], policy.RenewalDueOn(approvalEnd));
        foreach (var reminder in ReminderSchedule.Due(new ReminderInputs { Approvals = [window] }, clock.GetCurrentInstant()))
        {
            Console.WriteLine($"{reminder.Id}: {reminder.Text}");   // ids are stable: send each reminder once
        }
        #endregion

        var due = ReminderSchedule.Due(new ReminderInputs { Approvals = [window] }, clock.GetCurrentInstant());
        Assert.Contains(due, r => r.Id == "approval-expiring/KWTRP-2/2018-01-31/30d");
    }

    [Fact]
    public void A_date_at_a_site_is_read_in_the_sites_zone()
    {
        var kilifi = LearningSite.Register(new(new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, Zones["Africa/Nairobi"]) { Level = SiteLevel.County, EngagedSinceYear = 2000 }, new(Instant.FromUtc(2016, 1, 1, 0, 0), By));

        #region faq-site-date
        var lateEvening = Instant.FromUtc(2016, 2, 29, 22, 30);    // 01:30 on 1 March in Kilifi (UTC+3)
        LocalDate day = kilifi.State.DateAt(lateEvening, Zones);   // 2016-03-01, whatever the server's time zone
        #endregion

        Assert.Equal(new LocalDate(2016, 3, 1), day);
    }

    [Fact]
    public void The_machines_draw_themselves()
    {
        #region faq-diagrams
        string cycleDiagram = Cycle.MachineDiagramMermaid();          // Mermaid stateDiagram-v2, guards as text
        string protocolDiagram = Protocol.MachineDiagramMermaid();
        string amendmentDiagram = Amendment.MachineDiagramMermaid();
        string meetingDiagram = MeetingSeries.OccurrenceDiagramMermaid();
        #endregion

        Assert.All(new[] { cycleDiagram, protocolDiagram, amendmentDiagram, meetingDiagram }, d => Assert.StartsWith("stateDiagram-v2", d, StringComparison.Ordinal));
    }

    private static (Cycle Cycle, CycleRules Rules, FakeClock Clock) EmptyCycle()
    {
        var clock = new FakeClock(Instant.FromUtc(2016, 3, 1, 6, 0));
        var at = clock.GetCurrentInstant();
        var kilifi = LearningSite.Register(new(new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, Zones["Africa/Nairobi"]) { Level = SiteLevel.County, EngagedSinceYear = 2000 }, new(at, By));
        kilifi.AddMember(new MemberId("amina"), "Amina", new(at, By));
        kilifi.JoinRole(new MemberId("amina"), MemberRole.Researcher, new LocalDate(2016, 1, 1), new(at, By));
        var rules = new CycleRules(CoProduction.Ethics.ProtocolEthicsGate.From([]), TeamRoster.Of(kilifi.State), Zones);
        var cycle = Cycle.Start(new CycleOpening(new CycleId("kilifi-2016"), kilifi.Id, 1, "Budget decisions"), rules.At(new Stamp(at, By)));
        return (cycle, rules, clock);
    }
}
