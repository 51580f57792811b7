using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Samples.LearningSites;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.Samples;

/// <summary>Runs the README's sample in-process, in a temporary folder, once for all the facts below.</summary>
public sealed class LearningSiteScenarioFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public ScenarioResult Result { get; private set; } = null!;

    public string Folder => _folder.Path;

    public async ValueTask InitializeAsync()
        => Result = await LearningSiteScenario.RunAsync(new SampleOptions(_folder.Path, Fresh: false, SampleOptions.DefaultSeed), TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class LearningSiteScenarioTests(LearningSiteScenarioFixture fixture) : IClassFixture<LearningSiteScenarioFixture>
{
    /// <summary>Kilifi's 2016 activity under its second protocol's facility-financing focus, which needs the amendment.</summary>
    private const string FinancingInterviews = "interviews with facility managers on facility financing";

    private ScenarioResult Result => fixture.Result;

    [Fact]
    public void The_first_run_tells_the_whole_story_from_an_empty_folder()
    {
        Assert.False(Result.Continued);
        Assert.Equal(Path.Combine(fixture.Folder, LearningSiteScenario.DatabaseFileName), Result.DatabasePath);
        Assert.True(File.Exists(Result.DatabasePath));
        Assert.True(Result.EventCount > 200, $"only {Result.EventCount} events stored");
        Assert.Equal(2018, Result.Timeline[^1].On.Year);
    }

    [Fact]
    public void Kilifis_facility_financing_interviews_are_blocked_by_the_ethics_gate_with_their_reason_until_the_amendment_is_approved()
    {
        Assert.NotEmpty(Result.BlockedBeforeAmendmentReasons);
        Assert.Contains(Result.BlockedBeforeAmendmentReasons, r => r.Contains(FinancingInterviews, StringComparison.Ordinal)
            && r.Contains("not covered", StringComparison.Ordinal)
            && r.Contains("amend protocol 'KWTRP-2' to add facility-managers", StringComparison.Ordinal));

        var before = Result.Moments.Single(m => m.Title.Contains("needs interviews with facility managers", StringComparison.Ordinal));
        var blocked = before.Actions.Single(a => a.Trigger == CycleTrigger.StartActing);
        Assert.False(blocked.IsPermitted);
        Assert.Contains(blocked.Reasons, r => r.Contains(FinancingInterviews, StringComparison.Ordinal));

        var after = Result.Moments.Single(m => m.Title.Contains("after the amendment", StringComparison.Ordinal));
        var open = after.Actions.Single(a => a.Trigger == CycleTrigger.StartActing);
        Assert.True(open.IsPermitted);
        Assert.Empty(open.Reasons);
        Assert.True(Result.PermittedAfterAmendment);
        Assert.Contains(Result.Timeline, e => e.Kind == TimelineKind.Blocked && e.Site == "Kilifi County" && e.What.Contains(FinancingInterviews, StringComparison.Ordinal));
        Assert.Contains(Result.Timeline, e => e.Kind == TimelineKind.Ethics && e.What.StartsWith("Amendment KWTRP-2-A1 approved", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_lists_what_is_possible_and_why_the_rest_that_matters_is_blocked_and_its_reminders_count_the_days_left()
    {
        var report = MarkdownReport.Write(Result);

        Assert.Contains("25 cycles completed in this run", report, StringComparison.Ordinal);
        Assert.DoesNotContain("is not possible in", report, StringComparison.Ordinal);
        Assert.Contains("- possible: PlanActivity, EndorsePlan, Pause, Abandon, WithdrawActivity, RedateActivity", report, StringComparison.Ordinal);
        Assert.Contains($"- **StartActing** blocked: Planned activity '{FinancingInterviews}' is not covered", report, StringComparison.Ordinal);
        Assert.Contains("- possible: Resume, Abandon", report, StringComparison.Ordinal);
        foreach (var reminder in Result.Reminders.Where(r => r.Id.StartsWith("approval-expiring/", StringComparison.Ordinal)))
        {
            // Valid until 2018-01-31: the approval lapses on 1 February, and each text counts from the day it was handed over.
            var left = NodaTime.Period.DaysBetween(reminder.HandedOverOn, new NodaTime.LocalDate(2018, 2, 1));
            Assert.Contains($"lapses in {left} days", reminder.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_2017_strike_pauses_the_Kilifi_cycle_which_later_resumes_and_completes()
    {
        Assert.Equal([new CycleId("kilifi-2017")], Result.PausedAndResumed);
        var paused = Result.Moments.Single(m => m.Stage == CycleStage.Paused);
        Assert.Equal(new CycleId("kilifi-2017"), paused.Cycle);
        Assert.True(paused.Actions.Single(a => a.Trigger == CycleTrigger.Resume).IsPermitted);
        Assert.Contains(new CycleId("kilifi-2017"), Result.CompletedCycles);
        Assert.Contains(Result.Timeline, e => e.Kind == TimelineKind.Shock && e.What.Contains("strike", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Six_annual_cycles_at_Kilifi_seven_at_Mitchells_Plain_and_at_Sedibeng_two_annual_then_ten_workshop_cycles_complete()
    {
        Assert.Equal(6, Result.CompletedCycles.Count(c => c.Value.StartsWith("kilifi-", StringComparison.Ordinal)));
        Assert.Equal(7, Result.CompletedCycles.Count(c => c.Value.StartsWith("mitchells-plain-", StringComparison.Ordinal)));
        Assert.Equal(10, Result.CompletedCycles.Count(c => c.Value.StartsWith("sed-", StringComparison.Ordinal)));
        Assert.Equal([new CycleId("sedibeng-2014"), new CycleId("sedibeng-2015")], Result.CompletedCycles.Where(c => c.Value.StartsWith("sedibeng-", StringComparison.Ordinal)));
        Assert.Equal(25, Result.CompletedCycles.Count);
        Assert.All(Result.Timeline.Where(e => e.What.StartsWith("Workshop cycle", StringComparison.Ordinal)), e => Assert.Equal("Sedibeng", e.Site));
        Assert.Contains(Result.Timeline, e => e.Site == "Sedibeng" && e.Kind == TimelineKind.Ethics && e.What.StartsWith("Protocol WITS-SED-2", StringComparison.Ordinal)
            && e.On.Year == 2016);
    }

    [Fact]
    public void Mitchells_Plain_runs_its_journaling_inquiry_as_a_sub_study_with_its_own_protocol_as_Table_1_says()
    {
        var mp = Result.Timeline.Where(e => e.Site == "Mitchell's Plain").ToList();
        var approved = Assert.Single(mp, e => e.Kind == TimelineKind.Ethics && e.What.StartsWith("Sub-study UCT-DIALHS-J (journaling with facility managers) approved under UCT-DIALHS", StringComparison.Ordinal));
        Assert.Equal(2014, approved.On.Year);
        Assert.Contains(mp, e => e.Kind == TimelineKind.Ethics && e.What == "Sub-study UCT-DIALHS-J closed with its final report" && e.On.Year == 2014);
        Assert.DoesNotContain(Result.Timeline, e => e.Kind == TimelineKind.Blocked && e.Site == "Mitchell's Plain");
        Assert.Equal(6, mp.Count(e => e.Kind == TimelineKind.Ethics && e.What.StartsWith("Protocol UCT-DIALHS renewed", StringComparison.Ordinal)));
        var row = fixture.Result.ProgrammeReport.Timeline.Single(r => r.Site == "Mitchell's Plain").Bands;
        Assert.Contains(row, b => b.Kind == CoProduction.Reports.TimelineBandKind.Approval && b.Label == "UCT-DIALHS-J v1");
        Assert.Equal(7, row.Count(b => b.Kind == CoProduction.Reports.TimelineBandKind.MeetingHeld));   // the yearly reflection with managers
    }

    [Fact]
    public void The_calendar_parses_back_with_Ical_Net()
    {
        var calendar = Ical.Net.Calendar.Load(File.ReadAllText(Result.CalendarPath))!;

        var uids = calendar.Events.Select(e => e.Uid).ToArray();
        Assert.Contains("sed-leadership-workshop@learning-sites.example.org", uids);
        Assert.Contains("kilifi-reflection-with-managers@learning-sites.example.org", uids);
        Assert.Contains(calendar.Events, e => e.Alarms.Count > 0);   // the approval's end, with its reminders as alarms
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Africa/Nairobi");
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Africa/Johannesburg");

        // Sedibeng's workshops run with the 2016 intervention: ten, on the second Thursday from February to November.
        var workshops = calendar.Events.Single(e => e.Uid == "sed-leadership-workshop@learning-sites.example.org");
        var held = workshops.GetOccurrences(new Ical.Net.DataTypes.CalDateTime(new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
            .Select(o => o.Period.StartTime.AsUtc).ToArray();
        Assert.Equal(10, held.Length);
        Assert.Equal(new DateTime(2016, 2, 11, 7, 0, 0, DateTimeKind.Utc), held[0]);   // 09:00 SAST
        Assert.Equal(new DateTime(2016, 11, 10, 7, 0, 0, DateTimeKind.Utc), held[^1]);
        Assert.DoesNotContain(Result.Agenda, a => a.Title.StartsWith("Leadership workshop", StringComparison.Ordinal));

        // A series still running yields the same meetings in the calendar as in the library's agenda.
        var reflections = calendar.Events.Single(e => e.Uid == "sedibeng-researchers-reflection@learning-sites.example.org");
        var next = reflections.GetOccurrences(new Ical.Net.DataTypes.CalDateTime(Result.EndedAt.ToDateTimeUtc())).First().Period.StartTime.AsUtc;
        Assert.Contains(Result.Agenda, a => a.Title == "Sedibeng researchers' reflection" && a.Start.ToInstant().ToDateTimeUtc() == next);
    }

    [Fact]
    public void The_approval_nearing_expiry_raises_its_reminders_then_is_renewed()
    {
        var expiring = Result.Reminders.Where(r => r.Id.StartsWith("approval-expiring/KWTRP-2/2018-01-31/", StringComparison.Ordinal));
        Assert.Equal(["60d", "30d", "15d", "7d"], expiring.Select(r => r.Id.Split('/')[^1]));
        Assert.All(Result.Reminders, r => Assert.Contains("KWTRP-2", r.Text, StringComparison.Ordinal));
        var renewed = Result.Timeline.Single(e => e.Kind == TimelineKind.Ethics && e.What.Contains("KWTRP-2 renewed until 2019-01-31", StringComparison.Ordinal));
        Assert.True(renewed.On > Result.Reminders[^1].HandedOverOn || renewed.On == Result.Reminders[^1].HandedOverOn);
    }

    [Fact]
    public void The_agenda_shows_the_coming_quarters_meetings_in_each_sites_zone()
    {
        Assert.NotEmpty(Result.Agenda);
        Assert.All(Result.Agenda, a => Assert.InRange(a.Start.ToInstant(), Result.EndedAt, Result.EndedAt + NodaTime.Duration.FromDays(92)));
        Assert.Contains(Result.Agenda, a => a.Start.Zone.Id == "Africa/Johannesburg");
        Assert.Contains(Result.Agenda, a => a.Start.Zone.Id == "Africa/Nairobi");
    }

    [Fact]
    public void The_report_and_the_diagrams_are_written_next_to_the_database()
    {
        Assert.Equal(fixture.Folder, Path.GetDirectoryName(Result.ReportPath));
        var report = File.ReadAllText(Result.ReportPath);
        Assert.Contains(FinancingInterviews, report, StringComparison.Ordinal);
        Assert.Equal(["cycle.mmd", "protocol.mmd", "amendment.mmd", "meeting-occurrence.mmd"], Result.DiagramPaths.Select(Path.GetFileName));
        Assert.All(Result.DiagramPaths, p => Assert.StartsWith("stateDiagram-v2", File.ReadAllText(p), StringComparison.Ordinal));
    }

    [Fact]
    public void The_console_report_is_plain_ASCII_text_when_redirected_and_names_its_files()
    {
        var output = new StringWriter();
        ConsoleReport.Write(ConsoleReport.Create(output, redirected: true), Result, new SampleOptions(fixture.Folder, false, SampleOptions.DefaultSeed));
        var text = output.ToString();

        Assert.DoesNotContain('\u001b', text);                       // no ANSI escapes in CI logs
        Assert.All(text, c => Assert.True(c < 128 || char.IsLetter(c) || c is '→' or '—' or '–', $"'{c}' (U+{(int)c:X4})"));
        Assert.Contains(FinancingInterviews, text, StringComparison.Ordinal);
        Assert.Contains(Result.DatabasePath, text, StringComparison.Ordinal);
        Assert.Contains(Result.CalendarPath, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_parsed_by_hand_and_bad_ones_say_what_is_wrong()
    {
        var options = SampleOptions.Parse(["--output", "out", "--fresh", "--seed", "7"], out var help);
        Assert.False(help);
        Assert.Equal(Path.GetFullPath("out"), options.OutputDirectory);
        Assert.True(options.Fresh);
        Assert.Equal(7, options.Seed);

        var defaults = SampleOptions.Parse([], out _);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), SampleOptions.DefaultOutputFolder), defaults.OutputDirectory);
        Assert.False(defaults.Fresh);

        Assert.Contains("--seed needs a whole number", Assert.Throws<FormatException>(() => SampleOptions.Parse(["--seed", "x"], out _)).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown option '--colour'", Assert.Throws<FormatException>(() => SampleOptions.Parse(["--colour"], out _)).Message, StringComparison.Ordinal);
        Assert.Contains("--output needs a value", Assert.Throws<FormatException>(() => SampleOptions.Parse(["--output"], out _)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_on_the_same_folder_continues_the_stored_story_by_one_year()
    {
        using var folder = new TempFolder();
        var options = new SampleOptions(folder.Path, Fresh: false, Seed: 7);
        var first = await LearningSiteScenario.RunAsync(options, TestContext.Current.CancellationToken);
        var second = await LearningSiteScenario.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.False(first.Continued);
        Assert.True(second.Continued);
        Assert.Equal([new CycleId("kilifi-2019")], second.CompletedCycles);
        Assert.True(second.EventCount > first.EventCount);
        Assert.Contains(second.Timeline, e => e.What.Contains("renewed until 2020-01-31", StringComparison.Ordinal));
        Assert.Contains(second.Moments.Single().Actions, a => a.Trigger == CycleTrigger.StartActing && a.IsPermitted);

        var fresh = await LearningSiteScenario.RunAsync(options with { Fresh = true }, TestContext.Current.CancellationToken);
        Assert.False(fresh.Continued);
        Assert.Equal(first.EventCount, fresh.EventCount);
        Assert.Equal(first.Timeline, fresh.Timeline);
    }

    [Fact]
    public async Task The_seed_moves_the_days_but_not_the_outcomes()
    {
        using var folder = new TempFolder();
        var other = await LearningSiteScenario.RunAsync(new SampleOptions(folder.Path, Fresh: true, Seed: 99), TestContext.Current.CancellationToken);

        Assert.NotEqual(Result.Timeline.Select(e => e.On), other.Timeline.Select(e => e.On));
        Assert.Equal(Result.CompletedCycles.Select(c => c.Value).Order(), other.CompletedCycles.Select(c => c.Value).Order());
        Assert.Equal(Result.PausedAndResumed, other.PausedAndResumed);
        Assert.NotEmpty(other.BlockedBeforeAmendmentReasons);
        Assert.True(other.PermittedAfterAmendment);
    }
}

/// <summary>The sample's programme reports, drawn by <c>IProgrammeReports</c> from the read models over the whole stored history.</summary>
public sealed class LearningSiteReportTests(LearningSiteScenarioFixture fixture) : IClassFixture<LearningSiteScenarioFixture>
{
    private CoProduction.Reports.ProgrammeReportData Report => fixture.Result.ProgrammeReport;

    [Fact]
    public void Kilifi_s_row_shows_the_2017_strike_pause_and_the_protocol_version_the_amendment_brought_in()
    {
        var kilifi = Report.Timeline.Single(r => r.Site == "Kilifi County").Bands;

        var strike = Assert.Single(kilifi, b => b.Kind == CoProduction.Reports.TimelineBandKind.Pause);
        Assert.StartsWith("Cycle 5 paused: Strike", strike.Label, StringComparison.Ordinal);
        Assert.Equal(2017, strike.Start.Year);
        var approvals = kilifi.Where(b => b.Kind == CoProduction.Reports.TimelineBandKind.Approval).ToList();
        Assert.Equal("KWTRP-2 v1", approvals[0].Label);
        var amended = Assert.Single(approvals, b => b.Label == "KWTRP-2 v2, KWTRP-2-A1");
        Assert.Equal(new NodaTime.LocalDate(2016, 3, 21), amended.Start);
        Assert.Equal(amended.Start.PlusDays(-1), approvals[0].End);
        Assert.All(kilifi.Where(b => b.Kind == CoProduction.Reports.TimelineBandKind.Stage), b => Assert.NotNull(b.Stage));
    }

    [Fact]
    public void The_comparison_and_run_charts_count_what_the_story_stored()
    {
        var kilifi = Report.Comparison.Single(r => r.Site == "Kilifi County");
        var sedibeng = Report.Comparison.Single(r => r.Site == "Sedibeng");

        Assert.Equal(fixture.Result.CompletedCycles.Count, Report.Comparison.Sum(r => r.CyclesCompleted));
        Assert.Equal((1, 2), (kilifi.Pauses, kilifi.ProtocolVersions));
        Assert.True(sedibeng.MeetingsHeld > 0);
        var lengths = Report.RunCharts.Single(s => s.Site == "Kilifi County" && s.Measure == CoProduction.Reports.RunChartMeasures.CycleLength);
        Assert.Equal(kilifi.CyclesCompleted, lengths.Points.Count);
        Assert.Contains(Report.RunCharts, s => s.Measure == CoProduction.Reports.RunChartMeasures.CadenceAdherence);
    }

    [Fact]
    public void The_ledger_carries_Box_3s_impacts_from_the_insights_they_came_from_and_the_report_shows_it_with_what_the_cycles_learnt()
    {
        var ledger = fixture.Result.Ledger;

        Assert.Equal(8, ledger.Count);
        Assert.Equal(ledger.OrderBy(l => l.On).Select(l => l.What), ledger.Select(l => l.What));
        var act = Assert.Single(ledger, l => l.Kind == "impact (corroborated)");
        Assert.Equal(("Kilifi County", 2017), (act.Site, act.On.Year));
        Assert.Contains("Facility Improvement Fund Act", act.What, StringComparison.Ordinal);
        var policy = Assert.Single(ledger, l => l.Kind == "impact");
        Assert.Equal(("Mitchell's Plain", 2016), (policy.Site, policy.On.Year));
        Assert.True(ledger.Single(l => l.Kind == "insight" && l.Site == "Kilifi County").On < act.On);

        var report = MarkdownReport.Write(fixture.Result);
        Assert.Contains("## What the cycles learnt", report, StringComparison.Ordinal);
        Assert.Contains("- lesson: Co-production needs time: plan fewer activities and reflect more", report, StringComparison.Ordinal);
        Assert.Single(fixture.Result.Learnt, l => l.Text == "Co-production needs time: plan fewer activities and reflect more");   // six cycles, one line
        Assert.Contains("| 2017-03-01 | Kilifi County | impact (corroborated) | The Kilifi Health Sector Facility Improvement Fund Act", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reports_are_written_beside_the_database_one_html_page_and_each_report_in_four_formats()
    {
        var paths = fixture.Result.ProgrammeReportPaths;

        Assert.Equal(17, paths.Count);
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 0, p));
        Assert.All(paths, p => Assert.Equal(Path.Combine(fixture.Folder, LearningSiteScenario.ReportFolder), Path.GetDirectoryName(p)));
        var timeline = File.ReadAllLines(paths.Single(p => p.EndsWith("timeline.csv", StringComparison.Ordinal)));
        Assert.Equal(Report.Timeline.Sum(r => r.Bands.Count) + 1, timeline.Length);

        // The ledger report: the story's ten records (each symposium is an engagement and an output), from the ledger read model, once each, in date order.
        Assert.Equal(
            [("Engagement", 4), ("Impact", 2), ("Insight", 2), ("Output", 2)],
            Report.Ledger.GroupBy(r => r.Record.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        Assert.Equal(Report.Ledger.OrderBy(r => r.On).Select(r => r.Title), Report.Ledger.Select(r => r.Title));
        var act = Assert.Single(Report.Ledger, r => r.Title.Contains("Facility Improvement Fund Act", StringComparison.Ordinal));
        Assert.Equal(("Impact", "Instrumental, DistrictOrCounty, Corroborated", "Engagement kilifi-user-fee-feedback, Insight kilifi-user-fees"), (act.Record.ToString(), act.Status, act.DrawsOn));
        var ledger = File.ReadAllLines(paths.Single(p => p.EndsWith("ledger.csv", StringComparison.Ordinal)));
        Assert.Equal(Report.Ledger.Count + 1, ledger.Length);
        // The story records no hours or costs (the paper has none): each engagement counts, with 0 person-hours and no cost.
        Assert.Contains("| Kilifi County | 2014 | EngagingHigherLevels | 1 | 0 | — |", File.ReadAllText(paths.Single(p => p.EndsWith("ledger.md", StringComparison.Ordinal))), StringComparison.Ordinal);
    }
}
