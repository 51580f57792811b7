using CoProduction.Cycles;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

public sealed class CycleTimelineTests
{
    private readonly CycleRules rules = Rules();

    [Fact]
    public void The_timeline_records_when_each_stage_was_entered_and_left()
    {
        var cycle = Completed(rules);
        var timeline = cycle.State.Timeline;
        Assert.Equal(
            [CycleStage.Planning, CycleStage.Acting, CycleStage.Reflecting, CycleStage.Evaluating, CycleStage.Revising],
            System.Linq.Enumerable.Select(timeline, v => v.Stage));
        Assert.Equal(On(2016, 1, 11), timeline[0].Entered);
        Assert.Equal(On(2016, 2, 15), timeline[0].Left);
        Assert.Equal(On(2016, 2, 15), timeline[1].Entered);
        Assert.Equal(On(2016, 12, 15), timeline[4].Left);
        Assert.All(timeline, v => Assert.NotNull(v.Left));
    }

    [Fact]
    public void Paused_time_is_counted_apart_from_stage_time()
    {
        var cycle = Acting(rules);
        cycle.Pause(ShockKind.Strike, "health workers' strike", rules.At(On(2016, 3, 1), ByResearcher));
        Assert.Null(cycle.State.Timeline[^1].Left);
        cycle.Resume(rules.At(On(2016, 3, 11), ByResearcher));
        cycle.RecordAction(new CycleAction(new ActivityId("feedback"), new LocalDate(2016, 3, 12), "briefing", []), rules.At(On(2016, 3, 12), ByResearcher));
        cycle.StartReflecting(rules.At(On(2016, 4, 15), ByResearcher));

        var acting = cycle.State.Timeline[1];
        Assert.Equal(Duration.FromDays(10), acting.Paused);
        Assert.Equal((On(2016, 4, 15) - On(2016, 2, 15)) - Duration.FromDays(10), acting.LengthWithoutPauses(On(2030, 1, 1)));
        var pause = Assert.Single(cycle.State.Pauses);
        Assert.Equal(new CyclePause(ShockKind.Strike, "health workers' strike", CycleStage.Acting, On(2016, 3, 1), On(2016, 3, 11)), pause);
    }

    [Fact]
    public void An_open_stage_is_measured_to_now()
    {
        var cycle = Acting(rules);
        Assert.Equal(Duration.FromDays(5), cycle.State.Timeline[^1].LengthWithoutPauses(On(2016, 2, 20)));
    }

    [Fact]
    public void The_expected_end_of_a_stage_follows_the_site_calendar_and_moves_with_pauses()
    {
        var cycle = Cycle.Start(new CycleOpening(new CycleId("sed-workshop-2016-03"), new SiteId("sedibeng"), 3, "Leadership support workshop") { ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, Period.FromMonths(1))] }, new CycleRules(Gate(), Roster().Register(new SiteId("sedibeng"), "Africa/Johannesburg"), DateTimeZoneProviders.Tzdb).At(Instant.FromUtc(2016, 1, 31, 7, 0), ByResearcher));
        var due = cycle.CurrentStageExpectedEnd(DateTimeZoneProviders.Tzdb);

        // 31 January + 1 month in the calendar is 29 February 2016 (a leap year), 09:00 in Johannesburg.
        Assert.Equal(Instant.FromUtc(2016, 2, 29, 7, 0), due);

        cycle.Pause(ShockKind.ManagerialChange, "facility manager moved", rules.At(Instant.FromUtc(2016, 2, 10, 7, 0), ByResearcher));
        cycle.Resume(rules.At(Instant.FromUtc(2016, 2, 12, 7, 0), ByResearcher));
        Assert.Equal(Instant.FromUtc(2016, 3, 2, 7, 0), cycle.CurrentStageExpectedEnd(DateTimeZoneProviders.Tzdb));
    }

    [Fact]
    public void No_expected_end_without_an_expected_length_or_while_paused()
    {
        var cycle = Acting(rules);
        Assert.Null(cycle.CurrentStageExpectedEnd(DateTimeZoneProviders.Tzdb));
        cycle.Pause(ShockKind.Other, "floods", rules.At(On(2016, 3, 1), ByResearcher));
        Assert.Null(cycle.CurrentStageExpectedEnd(DateTimeZoneProviders.Tzdb));
    }
}
