using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Events;
using CoProduction.Persistence;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

public sealed class CycleReplayTests
{
    private readonly CycleRules rules = Rules();

    [Fact]
    public void Rehydrating_the_history_gives_the_same_state_with_nothing_uncommitted()
    {
        var live = Completed(rules);
        live.StartNext(new CycleId("kilifi-2017"), "next", rules.At(On(2017, 1, 9), ByResearcher));
        var loaded = Cycle.Rehydrate(live.StreamId, live.History.ToArray());
        Assert.Equal(live.State, loaded.State);
        Assert.Equal(live.Version, loaded.Version);
        Assert.Equal(loaded.Version, loaded.CommittedVersion);
        Assert.Empty(loaded.UncommittedEvents);
    }

    [Fact]
    public void Every_event_type_round_trips_through_json_and_rebuilds_an_equal_state()
    {
        var histories = EveryEventType();
        foreach (var history in histories)
        {
            var wire = history.Select(CycleJson.RoundTrip).ToArray();
            Assert.Equal(history, wire);
            var cycle = Cycle.Rehydrate(StreamId.For("cycle", ((CycleStarted)history[0]).Cycle), history);
            Assert.Equal(cycle.State, Cycle.Rehydrate(cycle.StreamId, wire).State);
        }

        var eventTypes = typeof(ICycleEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(ICycleEvent).IsAssignableFrom(t));
        Assert.Equal(
            eventTypes.Select(t => t.Name).Order(StringComparer.Ordinal),
            histories.SelectMany(h => h).Select(e => e.GetType().Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enums_and_dates_are_written_by_name_and_in_iso_form()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new CyclePaused(ShockKind.Strike, "strike", On(2017, 6, 5), ByResearcher), CycleJson.Options);
        Assert.Equal("{\"Shock\":\"Strike\",\"Description\":\"strike\",\"At\":\"2017-06-05T06:00:00Z\",\"By\":\"member:benjamin\"}", json);
    }

    [Fact]
    public void An_endorsement_keeps_its_stored_property_name_and_values_validate_when_read()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Endorsement(Researcher, new LocalDate(2016, 2, 1), 2), CycleJson.Options);
        Assert.Equal("{\"Member\":\"benjamin\",\"On\":\"2016-02-01\",\"PlanSize\":2}", json);
        Assert.Equal(2, System.Text.Json.JsonSerializer.Deserialize<Endorsement>(json, CycleJson.Options)!.PlanRevision);

        // A stored action with blank text cannot be read back into a value that the constructor refuses.
        Assert.ThrowsAny<Exception>(() => System.Text.Json.JsonSerializer.Deserialize<CycleAction>(
            "{\"Activity\":\"interviews\",\"On\":\"2016-03-01\",\"WhatWasDone\":\" \",\"DataGenerated\":[]}", CycleJson.Options));
    }

    [Fact]
    public void Every_cycle_event_has_a_unique_wire_name_prefixed_cycle()
    {
        var types = typeof(ICycleEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(ICycleEvent).IsAssignableFrom(t)).ToArray();
        var names = types.Select(t => t.GetCustomAttributes(typeof(EventNameAttribute), false).Cast<EventNameAttribute>().Single().Name).ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^cycle\\.[a-z-]+$", n));
    }

    [Fact]
    public void A_history_that_breaks_the_transition_table_fails_to_load()
    {
        var start = Start().History[0];
        var at = On(2016, 2, 1);
        var reflection = new ReflectionRecorded(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 2, 1), [Researcher], ["x"]), at, ByResearcher);
        var ex = Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(StreamId.For("cycle", new CycleId("kilifi-2016")), [start, reflection]));
        Assert.Equal(2, ex.Version);
        Assert.Contains("RecordReflection does not lead from Planning to Planning", ex.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(StreamId.For("cycle", new CycleId("kilifi-2016")), [start, new CycleResumed(at, ByResearcher)]));
        Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(StreamId.For("cycle", new CycleId("kilifi-2016")), [start, start]));
        Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(StreamId.For("cycle", new CycleId("kilifi-2016")), [start, new CycleCompleted(at, ByResearcher)]));
    }

    [Fact]
    public void A_history_must_begin_with_the_start_and_belong_to_its_stream()
    {
        var stream = StreamId.For("cycle", new CycleId("kilifi-2016"));
        Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(stream, []));
        Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(stream, [new ActingStarted(On(2016, 2, 1), ByResearcher)]));
        Assert.Throws<InvalidHistoryException>(() => Cycle.Rehydrate(StreamId.For("cycle", new CycleId("other")), Start().History.ToArray()));
    }

    [Fact]
    public void Replay_checks_the_table_without_guards()
    {
        // A history may hold StartActing with no endorsement (say, imported under an older policy): guards are not re-run.
        var start = Start().History[0];
        var loaded = Cycle.Rehydrate(StreamId.For("cycle", new CycleId("kilifi-2016")), [start, new ActingStarted(On(2016, 2, 1), ByResearcher)]);
        Assert.Equal(CycleStage.Acting, loaded.Stage);
    }

    private static IDomainEvent[][] EveryEventType()
    {
        var lenient = Rules(new CyclePolicy { OutOfApprovalActions = OutOfApprovalActions.RecordWithDeviation });
        var cycle = Cycle.Start(new CycleOpening(new CycleId("kilifi-2017"), Site, 5, "strike year") { ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Acting, Period.FromMonths(6))] }, Rules().At(On(2017, 1, 11), ByResearcher));
        cycle.PlanActivity(Interviews(2017), lenient.At(On(2017, 1, 20), ByResearcher));
        cycle.PlanActivity(Feedback(2017), lenient.At(On(2017, 1, 20), ByResearcher));
        cycle.PlanActivity(FacilityFinancing(2017), lenient.At(On(2017, 1, 21), ByResearcher));
        cycle.RedateActivity(new ActivityId("feedback"), new LocalDate(2017, 9, 2), lenient.At(On(2017, 1, 22), ByResearcher));
        cycle.WithdrawActivity(new ActivityId("facility-financing"), lenient.At(On(2017, 1, 23), ByResearcher));
        cycle.EndorsePlan(Researcher, lenient.At(On(2017, 2, 1), ByResearcher));
        cycle.EndorsePlan(Manager, lenient.At(On(2017, 2, 1), ByResearcher));
        cycle.StartActing(lenient.At(On(2017, 2, 15), ByResearcher));
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2017, 3, 1), "interviews", ["transcripts"]), lenient.At(On(2017, 3, 1), ByResearcher));
        cycle.Pause(ShockKind.Strike, "strike", lenient.At(On(2017, 6, 5), ByResearcher));
        cycle.Resume(lenient.At(On(2017, 11, 2), ByResearcher));
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2018, 1, 3), "late interviews", []), lenient.At(On(2018, 1, 4), ByResearcher));
        cycle.StartReflecting(lenient.At(On(2018, 1, 5), ByResearcher));
        cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2018, 1, 6), [Researcher, Manager], ["x"]), lenient.At(On(2018, 1, 6), ByResearcher));
        cycle.StartEvaluating(lenient.At(On(2018, 1, 7), ByResearcher));
        cycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.PartlyAchieved, "e", "lower"), lenient.At(On(2018, 1, 8), ByResearcher));
        cycle.RecordEvaluation(new Evaluation(new ActivityId("feedback"), EvaluationOutcome.Dropped, "e"), lenient.At(On(2018, 1, 8), ByResearcher));
        cycle.StartRevising(lenient.At(On(2018, 1, 9), ByResearcher));
        cycle.RecordRevision(new Revision([new ActivityRevision(new ActivityId("feedback"), RevisionDecision.Abandon, "no interest")], [new ProposedActivity(new ActivityId("p"), "t", ActivityKind.Research, InterviewManagers, "pred", "why")], ["l"]), lenient.At(On(2018, 1, 10), ByResearcher));
        cycle.Abandon("programme ended", lenient.At(On(2018, 1, 11), ByResearcher));

        var other = Revising(lenient);
        other.DecideNoChange("same again", lenient.At(On(2016, 11, 20), ByResearcher));
        other.Complete(lenient.At(On(2016, 12, 1), ByResearcher));
        other.StartNext(new CycleId("kilifi-2017b"), "next", lenient.At(On(2017, 1, 2), ByResearcher));
        return [[.. cycle.History], [.. other.History]];
    }
}
