using System;
using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>
/// The agenda across meeting series: what is due in a window, what is overdue, and how well each
/// series kept its cadence. Built from the series' states; pure, "now" is always an argument.
/// </summary>
public sealed class MeetingAgenda
{
    private readonly Dictionary<SeriesId, MeetingSeriesState> states = [];

    /// <summary>Creates the agenda of a set of series.</summary>
    /// <param name="series">The series' states (for example <c>MeetingSeries.State</c> of each loaded series).</param>
    /// <exception cref="InputLimitException">Two states share a series id (<see cref="InputRule.Repeated"/>, naming the series).</exception>
    /// <exception cref="CadenceLinkException">A linked series' base is missing, or links form a cycle.</exception>
    public MeetingAgenda(IEnumerable<MeetingSeriesState> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plans = new List<MeetingSeriesPlan>();
        foreach (var state in series)
        {
            ArgumentNullException.ThrowIfNull(state, nameof(series));
            if (!states.TryAdd(state.Plan.Series, state))
            {
                throw Preconditions.Repeated(state.Plan.Series, nameof(series));
            }

            plans.Add(state.Plan);
        }

        Timetable = new MeetingTimetable(plans);
    }

    /// <summary>Gets the planned occurrences of the series.</summary>
    public MeetingTimetable Timetable { get; }

    /// <summary>Gets the state of a series.</summary>
    /// <param name="series">The series.</param>
    /// <returns>The state.</returns>
    /// <exception cref="KeyNotFoundException">The series is not on the agenda.</exception>
    public MeetingSeriesState this[SeriesId series]
        => states.TryGetValue(series, out var state) ? state : throw new KeyNotFoundException($"Series '{series}' is not on this agenda.");

    /// <summary>Every meeting of one series whose current start is in a window, whatever its status, in start order.</summary>
    /// <param name="series">The series.</param>
    /// <param name="from">The window's start (inclusive).</param>
    /// <param name="to">The window's end (exclusive).</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentException">The window ends before it starts.</exception>
    public IReadOnlyList<AgendaEntry> Entries(SeriesId series, Instant from, Instant to)
    {
        var result = new List<AgendaEntry>();
        AddEntries(this[series], from, to, result);
        result.Sort(ByStart);
        return result;
    }

    /// <summary>The meetings still to be held (scheduled or rescheduled) whose current start is in a window, across series, in start order.</summary>
    /// <param name="from">The window's start (inclusive).</param>
    /// <param name="to">The window's end (exclusive).</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentException">The window ends before it starts.</exception>
    public IReadOnlyList<AgendaEntry> Due(Instant from, Instant to)
    {
        MeetingTimetable.CheckWindow(from, to);
        var result = new List<AgendaEntry>();
        foreach (var plan in Timetable.Plans)
        {
            AddEntries(states[plan.Series], from, to, result);
        }

        result.RemoveAll(e => !e.IsOpen);
        result.Sort(ByStart);
        return result;
    }

    /// <summary>The meetings whose current end has passed with nothing recorded (neither held, missed nor cancelled), across series, in start order.</summary>
    /// <param name="now">The instant to judge at, from the injected clock.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<AgendaEntry> Overdue(Instant now)
    {
        var result = new List<AgendaEntry>();
        foreach (var plan in Timetable.Plans)
        {
            var state = states[plan.Series];
            var since = plan.FirstDate.PlusDays(-2).AtMidnight().InZoneLeniently(plan.Zone).ToInstant();
            if (since < now)
            {
                AddEntries(state, since, now, result);
            }
        }

        result.RemoveAll(e => !e.IsOpen || e.End.ToInstant() > now);
        result.Sort(ByStart);
        return result;
    }

    /// <summary>How well each series kept its cadence up to <paramref name="now"/>, ordered by series id.</summary>
    /// <param name="now">The instant to judge at.</param>
    /// <param name="tolerance">How far a held meeting may have moved from its planned start and still count as kept; not negative.</param>
    /// <returns>One entry per series.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    public IReadOnlyList<CadenceAdherence> CadenceKept(Instant now, Duration tolerance)
    {
        if (tolerance < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "A tolerance is not negative.");
        }

        var result = new List<CadenceAdherence>(Timetable.Plans.Count);
        foreach (var plan in Timetable.Plans)
        {
            var state = states[plan.Series];
            int due = 0, kept = 0, late = 0, missed = 0, cancelled = 0, open = 0;
            var since = plan.FirstDate.PlusDays(-2).AtMidnight().InZoneLeniently(plan.Zone).ToInstant();
            foreach (var occurrence in since < now ? Timetable.Occurrences(plan.Series, since, now) : [])
            {
                due++;
                var record = state.OutcomeOf(occurrence.Slot);
                switch (record?.Status ?? OccurrenceStatus.Scheduled)
                {
                    case OccurrenceStatus.Held:
                        var moved = state.StartOf(occurrence).ToInstant() - occurrence.Start.ToInstant();
                        _ = moved <= tolerance && -moved <= tolerance ? kept++ : late++;
                        break;
                    case OccurrenceStatus.Missed:
                        missed++;
                        break;
                    case OccurrenceStatus.Cancelled:
                        cancelled++;
                        break;
                    default:
                        open++;
                        break;
                }
            }

            result.Add(new CadenceAdherence(plan.Series, due, kept, late, missed, cancelled, open));
        }

        return result;
    }

    private static int ByStart(AgendaEntry a, AgendaEntry b)
    {
        var c = a.Start.ToInstant().CompareTo(b.Start.ToInstant());
        return c != 0 ? c : MeetingTimetable.ByStart(a.Occurrence, b.Occurrence);
    }

    private void AddEntries(MeetingSeriesState state, Instant from, Instant to, List<AgendaEntry> result)
    {
        MeetingTimetable.CheckWindow(from, to);
        var series = state.Plan.Series;

        // Meetings planned in the window, except those moved elsewhere ...
        foreach (var occurrence in Timetable.Occurrences(series, from, to))
        {
            var record = state.OutcomeOf(occurrence.Slot);
            if (record?.RescheduledTo is null)
            {
                result.Add(new AgendaEntry(occurrence, record?.Status ?? OccurrenceStatus.Scheduled, occurrence.Start));
            }
        }

        // ... and meetings moved into it, from wherever they were planned.
        foreach (var record in state.Outcomes)
        {
            if (record.RescheduledTo is not { } moved)
            {
                continue;
            }

            var start = state.Plan.Resolve(moved);
            var instant = start.ToInstant();
            if (instant >= from && instant < to && Timetable.Find(series, record.Slot) is { } occurrence)
            {
                result.Add(new AgendaEntry(occurrence, record.Status, start));
            }
        }
    }
}
