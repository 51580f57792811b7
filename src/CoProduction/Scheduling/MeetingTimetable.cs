using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>
/// The planned occurrences of a set of meeting series, including linked series (a debrief the day
/// after each workshop), computed from their plans alone: pure, and independent of the machine's
/// clock and zone.
/// </summary>
/// <remarks>
/// <para>
/// A linked series meets on each of its base series' slot dates plus its offset, at its own start
/// time, in its own zone, within its own first and last dates. It follows the base's plan: when a
/// workshop is rescheduled, reschedule its debrief too.
/// </para>
/// <para>
/// Occurrences are returned in start order (then by series id) and are strictly increasing within a
/// series. A window is half-open: a meeting starting exactly at its end is not in it.
/// </para>
/// </remarks>
public sealed class MeetingTimetable
{
    private readonly Dictionary<SeriesId, MeetingSeriesPlan> plans = [];
    private readonly MeetingSeriesPlan[] ordered;

    /// <summary>Creates the timetable of a set of series.</summary>
    /// <param name="plans">The series' plans; ids must be unique.</param>
    /// <exception cref="InputLimitException">Two plans share an id (<see cref="InputRule.Repeated"/>, naming the series).</exception>
    /// <exception cref="CadenceLinkException">A linked series' base is missing, or links form a cycle.</exception>
    public MeetingTimetable(IEnumerable<MeetingSeriesPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        foreach (var plan in plans)
        {
            ArgumentNullException.ThrowIfNull(plan, nameof(plans));
            if (!this.plans.TryAdd(plan.Series, plan))
            {
                throw Preconditions.Repeated(plan.Series, nameof(plans));
            }
        }

        ordered = [.. this.plans.Values.OrderBy(p => p.Series.Value, StringComparer.Ordinal)];
        foreach (var plan in ordered)
        {
            CheckLinks(plan);
        }
    }

    /// <summary>Gets the plans, ordered by series id.</summary>
    public IReadOnlyList<MeetingSeriesPlan> Plans => ordered;

    /// <summary>Gets the plan of a series.</summary>
    /// <param name="series">The series.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="KeyNotFoundException">The series is not in the timetable.</exception>
    public MeetingSeriesPlan this[SeriesId series]
        => plans.TryGetValue(series, out var plan) ? plan : throw new KeyNotFoundException($"Series '{series}' is not in this timetable.");

    /// <summary>The planned occurrences of one series not linked to another, starting in a window.</summary>
    /// <param name="plan">The series' plan; its cadence must not be linked.</param>
    /// <param name="from">The window's start (inclusive).</param>
    /// <param name="to">The window's end (exclusive); not before <paramref name="from"/>.</param>
    /// <returns>The occurrences, strictly increasing.</returns>
    /// <exception cref="ArgumentException">The window ends before it starts.</exception>
    /// <exception cref="CadenceLinkException">The series is linked to another: use a timetable holding both.</exception>
    public static IReadOnlyList<MeetingOccurrence> OccurrencesOf(MeetingSeriesPlan plan, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new MeetingTimetable([plan]).Occurrences(plan.Series, from, to);
    }

    /// <summary>Whether the timetable holds a series.</summary>
    /// <param name="series">The series.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(SeriesId series) => plans.ContainsKey(series);

    /// <summary>The planned occurrences of one series starting in a window.</summary>
    /// <param name="series">The series.</param>
    /// <param name="from">The window's start (inclusive).</param>
    /// <param name="to">The window's end (exclusive); not before <paramref name="from"/>.</param>
    /// <returns>The occurrences, strictly increasing.</returns>
    /// <exception cref="ArgumentException">The window ends before it starts.</exception>
    /// <exception cref="KeyNotFoundException">The series is not in the timetable.</exception>
    public IReadOnlyList<MeetingOccurrence> Occurrences(SeriesId series, Instant from, Instant to)
    {
        CheckWindow(from, to);
        var result = new List<MeetingOccurrence>();
        AddOccurrences(this[series], from, to, result);
        return result;
    }

    /// <summary>The planned occurrences of every series starting in a window, in start order (then by series id).</summary>
    /// <param name="from">The window's start (inclusive).</param>
    /// <param name="to">The window's end (exclusive); not before <paramref name="from"/>.</param>
    /// <returns>The occurrences.</returns>
    /// <exception cref="ArgumentException">The window ends before it starts.</exception>
    public IReadOnlyList<MeetingOccurrence> Occurrences(Instant from, Instant to)
    {
        CheckWindow(from, to);
        var result = new List<MeetingOccurrence>();
        var ends = new int[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            AddOccurrences(ordered[i], from, to, result);
            ends[i] = result.Count;
        }

        // ByStart's order (start, then series id) from precomputed keys: the plans are in series-id order,
        // so a plan's rank breaks ties, and no comparison re-reads a zoned time.
        var keys = new StartKey[result.Count];
        var rank = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            while (i >= ends[rank])
            {
                rank++;
            }

            keys[i] = new StartKey(result[i].Start.ToInstant(), rank, i);
        }

        // Sorting the small keys alone and placing each occurrence once moves far less memory than
        // sorting the 80-byte occurrences themselves.
        Array.Sort(keys);
        var sorted = new MeetingOccurrence[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sorted[i] = result[keys[i].Index];
        }

        return sorted;
    }

    /// <summary>The planned occurrence of a series on a slot date, if its cadence gives that date.</summary>
    /// <param name="series">The series.</param>
    /// <param name="slot">The date.</param>
    /// <returns>The occurrence, or <see langword="null"/> when the series does not meet that day.</returns>
    /// <exception cref="KeyNotFoundException">The series is not in the timetable.</exception>
    public MeetingOccurrence? Find(SeriesId series, LocalDate slot)
    {
        var plan = this[series];
        foreach (var date in Slots(plan, slot, slot))
        {
            return new MeetingOccurrence(plan, date);
        }

        return null;
    }

    internal static int ByStart(MeetingOccurrence a, MeetingOccurrence b)
    {
        var c = a.Start.ToInstant().CompareTo(b.Start.ToInstant());
        return c != 0 ? c : string.CompareOrdinal(a.Series.Value, b.Series.Value);
    }

    internal static void CheckWindow(Instant from, Instant to)
    {
        if (to < from)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The window ends at {to} before it starts at {from}: give an end on or after the start."),
                nameof(to));
        }
    }

    /// <summary>The slot dates of a series from <paramref name="from"/> to <paramref name="to"/> inclusive, ascending.</summary>
    internal IEnumerable<LocalDate> Slots(MeetingSeriesPlan plan, LocalDate from, LocalDate to)
    {
        if (plan.Cadence.Kind != CadenceKind.Linked)
        {
            return plan.OwnSlots(from, to);
        }

        if (from < plan.FirstDate)
        {
            from = plan.FirstDate;
        }

        if (to > plan.LastDate)
        {
            to = plan.LastDate;
        }

        if (from > to)
        {
            return [];
        }

        var offset = plan.Cadence.OffsetDays;
        return Slots(plans[plan.Cadence.LinkedTo!.Value], from.PlusDays(-offset), to.PlusDays(-offset)).Select(d => d.PlusDays(offset));
    }

    private void AddOccurrences(MeetingSeriesPlan plan, Instant from, Instant to, List<MeetingOccurrence> result)
    {
        // Two days of slack either side covers any resolver shift and any zone offset.
        var earliest = plan.FirstDate.PlusDays(-2).AtStartOfDayInZone(plan.Zone).ToInstant();
        var latest = plan.LastDate.PlusDays(2).AtStartOfDayInZone(plan.Zone).ToInstant();
        if (from >= latest || to <= earliest)
        {
            return;
        }

        var fromDate = (from < earliest ? earliest : from).InZone(plan.Zone).Date.PlusDays(-1);
        var toDate = (to > latest ? latest : to).InZone(plan.Zone).Date.PlusDays(1);
        foreach (var slot in Slots(plan, fromDate, toDate))
        {
            var occurrence = new MeetingOccurrence(plan, slot);
            var start = occurrence.Start.ToInstant();
            if (start >= from && start < to)
            {
                result.Add(occurrence);
            }
        }
    }

    private void CheckLinks(MeetingSeriesPlan plan)
    {
        var chain = new List<SeriesId> { plan.Series };
        for (var current = plan; current.Cadence.LinkedTo is { } next; current = plans[next])
        {
            if (!plans.ContainsKey(next))
            {
                chain.Add(next);
                throw new CadenceLinkException(
                    chain,
                    $"Series '{current.Series}' follows series '{next}', which is not in this timetable: schedule them together.");
            }

            if (chain.Contains(next))
            {
                chain.Add(next);
                throw new CadenceLinkException(
                    chain,
                    $"Series '{plan.Series}' cannot be scheduled: its links form a cycle ({string.Join(" → ", chain)}). Give one of them its own cadence.");
            }

            chain.Add(next);
        }
    }

    /// <summary>An occurrence's sort key: its start, then its series' rank in id order (unique per occurrence), and where it was found.</summary>
    private readonly record struct StartKey(Instant Start, int Rank, int Index) : IComparable<StartKey>
    {
        public int CompareTo(StartKey other)
        {
            var c = Start.CompareTo(other.Start);
            return c != 0 ? c : Rank.CompareTo(other.Rank);
        }
    }
}
