using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Scheduling;
using CoProduction.Tests.Kernel;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

/// <summary>One generated command on one meeting of a monthly series, issued some hours from the meeting's planned start.</summary>
public abstract record MeetingCommand(int Meeting, int Hours, Actor By)
{
    /// <summary>Runs the command.</summary>
    internal abstract void Run(MeetingSeries series, MeetingOccurrence occurrence, Stamp stamp);

    /// <summary>When, relative to the meeting, and by whom, for the readable forms.</summary>
    protected string When => $"meeting {Meeting} at {(Hours < 0 ? "" : "+")}{Hours}h by {By}";
}

/// <summary>Record the meeting held with some attendees (none is refused).</summary>
public sealed record HoldMeeting(int Meeting, int Hours, Actor By, int Attendees, bool Reflection) : MeetingCommand(Meeting, Hours, By)
{
    internal override void Run(MeetingSeries series, MeetingOccurrence occurrence, Stamp stamp)
        => series.RecordHeld(
            occurrence,
            new MeetingAttendance(MeetingSeriesProperties.People.Take(Attendees)) { Reflection = Reflection ? new CycleId("kilifi-2016") : null },
            stamp);

    public override string ToString() => $"Hold({When}, {Attendees} attendee(s){(Reflection ? ", a reflection" : "")})";
}

/// <summary>Record the meeting missed.</summary>
public sealed record MissMeeting(int Meeting, int Hours, Actor By) : MeetingCommand(Meeting, Hours, By)
{
    internal override void Run(MeetingSeries series, MeetingOccurrence occurrence, Stamp stamp) => series.RecordMissed(occurrence, "no quorum", stamp);

    public override string ToString() => $"Miss({When})";
}

/// <summary>Call the meeting off.</summary>
public sealed record CancelMeeting(int Meeting, int Hours, Actor By) : MeetingCommand(Meeting, Hours, By)
{
    internal override void Run(MeetingSeries series, MeetingOccurrence occurrence, Stamp stamp) => series.Cancel(occurrence, "strike", stamp);

    public override string ToString() => $"Cancel({When})";
}

/// <summary>Move the meeting some hours from its planned start (into the past is refused).</summary>
public sealed record RescheduleMeeting(int Meeting, int Hours, Actor By, int MoveHours) : MeetingCommand(Meeting, Hours, By)
{
    internal override void Run(MeetingSeries series, MeetingOccurrence occurrence, Stamp stamp)
        => series.Reschedule(occurrence, occurrence.Start.LocalDateTime.PlusHours(MoveHours), "clash", stamp);

    public override string ToString() => $"Reschedule({When}, to {(MoveHours < 0 ? "" : "+")}{MoveHours}h)";
}

/// <summary>Generated command sequences on a meeting series: replay equals live, a rejected command changes nothing, the stored JSON round trip holds.</summary>
public sealed class MeetingSeriesProperties
{
    internal static readonly MemberId[] People = [new("amina"), new("peter"), new("thandi")];

    private static readonly MeetingSeriesPlan Monthly = Plan("kilifi-reflection", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
    private static readonly IReadOnlyList<MeetingOccurrence> Meetings = new MeetingTimetable([Monthly]).Occurrences(Utc(2016, 1, 1), Utc(2017, 1, 1));

    private static readonly Gen<Actor> Actors = Gen.OneOf(
        Gen.Elements("amina", "peter", "x-1").Select(m => Actor.Member(new MemberId(m))),
        Gen.Elements("kilifi-coordinator", "import tool").Select(Actor.Named),
        Gen.Constant(Actor.System));

    private static readonly Gen<MeetingCommand> Command =
        from meeting in Gen.Choose(0, Meetings.Count - 1)
        from hours in Gen.Choose(-80, 80)
        from who in Actors
        from kind in Gen.Choose(0, 3)
        from extra in Gen.Choose(-48, 240)
        select kind switch
        {
            0 => (MeetingCommand)new HoldMeeting(meeting, hours, who, Math.Abs(extra) % 4, extra % 2 == 0),
            1 => new MissMeeting(meeting, hours, who),
            2 => new CancelMeeting(meeting, hours, who),
            _ => new RescheduleMeeting(meeting, hours, who, extra),
        };

    /// <summary>Sequences mostly in the order of the meetings (so most commands are dated after the latest event), sometimes in any order.</summary>
    private static readonly Arbitrary<MeetingCommand[]> Sequences = (
        from ordered in Gen.Elements(true, true, true, false)
        from commands in Command.ArrayOf()
        select ordered ? [.. commands.OrderBy(c => c.Meeting).ThenBy(c => c.Hours)] : commands).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Replaying_the_history_gives_the_live_state()
        => Prop.ForAll(Sequences, commands =>
        {
            var (series, _) = Run(commands);
            return AggregateLaws.ReplayGivesTheLiveState(series, series.History, s => s.State);
        });

    [Property(MaxTest = 500)]
    public Property A_rejected_command_changes_nothing()
        => Prop.ForAll(Sequences, commands => Run(commands).Violations.Count == 0);

    [Property(MaxTest = 300)]
    public Property The_history_survives_the_stored_json_round_trip()
        => Prop.ForAll(Sequences, commands =>
        {
            var (series, _) = Run(commands);
            return AggregateLaws.TheStoredJsonGivesTheLiveState(series, series.History, s => s.State);
        });

    [Fact]
    public void The_generated_sequences_reach_every_status()
    {
        var seen = new HashSet<OccurrenceStatus>();
        foreach (var commands in Command.ArrayOf(40).Sample(20, 200))
        {
            var (series, _) = Run([.. commands.OrderBy(c => c.Meeting).ThenBy(c => c.Hours)]);
            seen.UnionWith(Meetings.Select(m => series.StatusOf(m.Slot)));
        }

        Assert.Equal(Enum.GetValues<OccurrenceStatus>().Order(), seen.Order());
    }

    [Fact]
    public void The_occurrence_machine_agrees_with_stateless_in_every_status_before_during_and_after_the_meeting()
    {
        var march = Meetings[2];
        var start = march.Start.ToInstant();
        var scheduled = MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Actor.System));
        var rescheduled = MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Actor.System));
        rescheduled.Reschedule(march, march.Start.LocalDateTime.PlusDays(2), "clash", new Stamp(start - Duration.FromDays(3), Actor.System));
        var held = MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Actor.System));
        held.RecordHeld(march, new MeetingAttendance(People), new Stamp(start, Actor.System));
        var missed = MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Actor.System));
        missed.RecordMissed(march, "no quorum", new Stamp(start + Duration.FromHours(3), Actor.System));
        var cancelled = MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Actor.System));
        cancelled.Cancel(march, "strike", new Stamp(start - Duration.FromDays(1), Actor.System));

        var contexts =
            from series in new[] { scheduled, rescheduled, held, missed, cancelled }
            from offset in new[] { -72, -1, 0, 1, 2, 49, 50, 51, 100 }
            select new OccurrenceContext(series.State, march, start + Duration.FromHours(offset));
        var all = contexts.ToList();

        Assert.Equal(Enum.GetValues<OccurrenceStatus>().Order(), all.Select(c => c.Status).Distinct().Order());
        MachineAgreement.Check(MeetingSeriesMachine.Machine, all, c => c.Status);
    }

    private static (MeetingSeries Series, List<string> Violations) Run(IEnumerable<MeetingCommand> commands)
    {
        var series = MeetingSeries.Plan(Monthly, new Stamp(Utc(2015, 12, 1), Actor.Named("kilifi-coordinator")));
        var violations = new List<string>();
        foreach (var command in commands)
        {
            var occurrence = Meetings[command.Meeting];
            var stamp = new Stamp(occurrence.Start.ToInstant() + Duration.FromHours(command.Hours), command.By);
            var (version, state, last) = (series.Version, series.State, series.History[^1]);
            try
            {
                command.Run(series, occurrence, stamp);
            }
            catch (CommandRejectedException ex)
            {
                if (series.Version != version || !ReferenceEquals(series.State, state) || !ReferenceEquals(series.History[^1], last))
                {
                    violations.Add($"{command} was rejected ({ex.Message}) but changed the series");
                }
            }
        }

        return (series, violations);
    }
}
