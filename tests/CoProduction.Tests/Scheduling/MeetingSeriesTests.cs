using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CoProduction.Events;
using CoProduction.Scheduling;
using NodaTime;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

public sealed class MeetingSeriesTests
{
    private static readonly Actor Amina = Actor.Member(new MemberId("amina"));
    private static readonly MeetingSeriesPlan Monthly = Plan("kilifi-reflection", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
    private static readonly MeetingTimetable Timetable = new([Monthly]);

    private static MeetingOccurrence March => Timetable.Find(Monthly.Series, new LocalDate(2016, 3, 15))!.Value;

    private static MeetingSeries NewSeries() => MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Amina));

    [Fact]
    public void A_meeting_held_records_its_attendance_and_the_reflection_it_recorded()
    {
        var series = NewSeries();
        series.RecordHeld(March, new MeetingAttendance([new MemberId("amina"), new MemberId("peter")]) { Reflection = new CycleId("kilifi-2016"), Note = "devolution discussed" }, new Stamp(Utc(2016, 3, 15, 13), Amina));

        var held = Assert.IsType<MeetingHeld>(series.History[^1]);
        Assert.Equal(["amina", "peter"], held.Attendees.Select(m => m.Value));
        var record = series.State.OutcomeOf(March.Slot)!;
        Assert.Equal(OccurrenceStatus.Held, record.Status);
        Assert.Equal(new CycleId("kilifi-2016"), record.Reflection);
    }

    [Fact]
    public void Holding_a_meeting_before_it_starts_is_rejected_with_its_start_and_changes_nothing()
    {
        var series = NewSeries();
        var ex = Assert.Throws<CommandRejectedException>(() => series.RecordHeld(March, new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 3, 1), Amina)));
        Assert.Equal(OccurrenceStatus.Scheduled, ex.State);
        Assert.Equal(RefusalKind.GuardsUnmet, ex.Refusal.Kind);
        Assert.Equal("the meeting has not started yet", Assert.Single(ex.Refusal.UnmetGuards).Description);
        Assert.Equal([OccurrenceTrigger.Cancel, OccurrenceTrigger.Reschedule], ex.PermittedTriggers.Cast<OccurrenceTrigger>());
        Assert.Contains("starts at 2016-03-15 14:00", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, series.Version);
        Assert.Equal(OccurrenceStatus.Scheduled, series.StatusOf(March.Slot));
    }

    [Fact]
    public void A_held_meeting_needs_an_attendee_and_a_final_meeting_takes_no_more_commands()
    {
        var series = NewSeries();
        Assert.Throws<CommandRejectedException>(() => series.RecordHeld(March, new MeetingAttendance([]), new Stamp(Utc(2016, 3, 15, 13), Amina)));
        series.Cancel(March, "health-workers' strike", new Stamp(Utc(2016, 3, 10), Amina));
        var before = series.State;
        var ex = Assert.Throws<CommandRejectedException>(() => series.Reschedule(March, new LocalDateTime(2016, 3, 22, 14, 0), "strike over", new Stamp(Utc(2016, 3, 11), Amina)));
        Assert.Equal(OccurrenceStatus.Cancelled, ex.State);
        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Empty(ex.PermittedTriggers);
        Assert.Same(before, series.State);
        Assert.Equal(2, series.Version);
    }

    [Fact]
    public void Cancelling_after_the_start_is_refused_in_favour_of_recording_it_missed()
    {
        var series = NewSeries();
        var ex = Assert.Throws<CommandRejectedException>(() => series.Cancel(March, "forgot", new Stamp(Utc(2016, 3, 15, 12), Amina)));
        Assert.Contains("record it as held or missed instead", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CommandRejectedException>(() => series.RecordMissed(March, "no quorum", new Stamp(Utc(2016, 3, 15, 11, 30), Amina)));
        series.RecordMissed(March, "no quorum", new Stamp(Utc(2016, 3, 15, 13), Amina));
        Assert.Equal(OccurrenceStatus.Missed, series.StatusOf(March.Slot));
    }

    [Fact]
    public void A_rescheduled_meeting_keeps_its_slot_carries_its_new_time_and_is_held_then()
    {
        var series = NewSeries();
        series.Reschedule(March, new LocalDateTime(2016, 3, 22, 10, 0), "clash with the county budget", new Stamp(Utc(2016, 3, 1), Amina));
        Assert.Equal(OccurrenceStatus.Rescheduled, series.StatusOf(March.Slot));
        Assert.Equal(new LocalDateTime(2016, 3, 22, 10, 0), series.State.StartOf(March).LocalDateTime);

        Assert.Throws<CommandRejectedException>(() => series.RecordHeld(March, new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 3, 15, 12), Amina)));
        series.Reschedule(March, new LocalDateTime(2016, 3, 23, 10, 0), "moved again", new Stamp(Utc(2016, 3, 2), Amina));
        series.RecordHeld(March, new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 3, 23, 8), Amina));
        Assert.Equal(new LocalDateTime(2016, 3, 23, 10, 0), series.State.OutcomeOf(March.Slot)!.RescheduledTo);
    }

    [Fact]
    public void Moving_a_meeting_into_the_past_is_rejected()
    {
        var series = NewSeries();
        var ex = Assert.Throws<CommandRejectedException>(() => series.Reschedule(March, new LocalDateTime(2016, 3, 2, 10, 0), "late", new Stamp(Utc(2016, 3, 5), Amina)));
        Assert.Contains("not in the future", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, series.Version);
    }

    [Fact]
    public void A_meeting_of_another_series_or_on_a_day_without_one_is_refused()
    {
        var series = NewSeries();
        var other = Plan("other", Cadence.Monthly(16), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var foreign = MeetingTimetable.OccurrencesOf(other, Utc(2016, 3, 1), Utc(2016, 4, 1)).Single();
        Assert.Throws<ArgumentException>(() => series.Cancel(foreign, "x", new Stamp(Utc(2016, 3, 1), Amina)));
    }

    [Fact]
    public void Availability_lists_every_command_with_reasons_for_buttons()
    {
        var availability = NewSeries().Availability(March, Utc(2016, 3, 15, 11, 30));
        Assert.Equal([OccurrenceTrigger.Hold, OccurrenceTrigger.Reschedule], availability.Where(a => a.IsPermitted).Select(a => a.Trigger));
        Assert.All(availability.Where(a => !a.IsPermitted), a => Assert.NotEmpty(a.Reasons));
    }

    [Fact]
    public void Replaying_the_history_and_its_json_gives_the_same_state()
    {
        var series = NewSeries();
        var april = Timetable.Find(Monthly.Series, new LocalDate(2016, 4, 15))!.Value;
        // In the order of their instants: a history is kept in order.
        series.Cancel(Timetable.Find(Monthly.Series, new LocalDate(2016, 2, 15))!.Value, "strike", new Stamp(Utc(2016, 2, 1), Amina));
        series.RecordHeld(March, new MeetingAttendance([new MemberId("amina")]) { Reflection = new CycleId("kilifi-2016") }, new Stamp(Utc(2016, 3, 15, 13), Amina));
        series.Reschedule(april, new LocalDateTime(2016, 4, 20, 9, 0), "Easter", new Stamp(Utc(2016, 3, 20), Amina));

        var replayed = MeetingSeries.Rehydrate(series.StreamId, series.History);
        Assert.Equal(series.State, replayed.State);
        Assert.Equal(series.Version, replayed.CommittedVersion);

        var fromJson = Persistence.StoredJson.RoundTrip(series.History);
        Assert.Equal(series.History, fromJson.Cast<IMeetingSeriesEvent>());
        Assert.Equal(series.State, MeetingSeries.Rehydrate(series.StreamId, fromJson).State);
        Assert.Equal("meeting-series-kilifi-reflection", series.StreamId.Value);
    }

    [Fact]
    public void A_history_that_breaks_the_machine_is_refused_on_replay()
    {
        var series = NewSeries();
        series.Cancel(March, "strike", new Stamp(Utc(2016, 3, 1), Amina));
        IDomainEvent[] bad = [.. series.History, new MeetingHeld(Monthly.Series, March.Slot, [new MemberId("amina")], null, null, Utc(2016, 3, 16), Amina)];
        Assert.Throws<InvalidHistoryException>(() => MeetingSeries.Rehydrate(series.StreamId, bad));
        Assert.Throws<InvalidHistoryException>(() => MeetingSeries.Rehydrate(series.StreamId, [series.History[1]]));
    }

    [Fact]
    public void Every_event_has_a_unique_meeting_wire_name()
    {
        var names = typeof(MeetingSeries).Assembly.GetTypes()
            .Where(t => typeof(IMeetingSeriesEvent).IsAssignableFrom(t) && !t.IsInterface)
            .Select(t => Assert.Single(t.GetCustomAttributes(typeof(EventNameAttribute), false).Cast<EventNameAttribute>()).Name)
            .ToList();
        Assert.Equal(5, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("meeting.", n, StringComparison.Ordinal));
    }

    [Fact]
    public void The_occurrence_diagrams_in_the_docs_are_generated_from_the_machine()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "CoProduction.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("CoProduction.sln not found above the test directory.");
        }

        var diagrams = Path.Combine(dir, "docs", "diagrams");
        foreach (var (file, text) in new[] { ("meeting-occurrence.mmd", MeetingSeries.OccurrenceDiagramMermaid()), ("meeting-occurrence.dot", MeetingSeries.OccurrenceDiagramDot()) })
        {
            var path = Path.Combine(diagrams, file);
            if (Environment.GetEnvironmentVariable("COPRODUCTION_UPDATE_DIAGRAMS") == "1")
            {
                Directory.CreateDirectory(diagrams);
                File.WriteAllText(path, text);
            }

            Assert.True(File.Exists(path), $"{path} is missing: run the tests once with COPRODUCTION_UPDATE_DIAGRAMS=1.");
            Assert.True(File.ReadAllText(path) == text, $"{path} is stale: run the tests once with COPRODUCTION_UPDATE_DIAGRAMS=1 and commit it.");
        }

        Assert.Contains("Scheduled --> Held : Hold [the meeting has not started yet]", MeetingSeries.OccurrenceDiagramMermaid(), StringComparison.Ordinal);
    }
}
