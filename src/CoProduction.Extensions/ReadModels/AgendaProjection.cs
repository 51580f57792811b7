using System.Collections.Generic;
using System.Linq;
using CoProduction.Projections;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The agenda read model: one <see cref="AgendaSeries"/> per meeting series, summarized from the series' state with
/// the domain's own timetable, indexed by when its first meeting still to be held starts (<c>next-due</c>, and
/// <c>site-next-due</c> per site), so "meetings due by an instant" and "overdue meetings" read a range, not every series.
/// </summary>
/// <remarks>
/// A linked series (a debrief the day after each workshop) meets on its base series' dates, which its own state does
/// not hold: its document has no <see cref="AgendaSeries.NextDue"/>, and it is indexed from its first date on, so
/// every query over the agenda considers it (with its base) and the domain's agenda decides.
/// </remarks>
internal sealed class AgendaProjection() : AggregateProjection<MeetingSeries, AgendaSeries>(new AgendaJson(ReadModelJson.Options()).AgendaSeries)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.agenda";

    /// <summary>The index of series by the start of their first meeting still to be held.</summary>
    public const string NextDueIndex = "next-due";

    /// <summary>The same, per site: (site, start).</summary>
    public const string SiteNextDueIndex = "site-next-due";

    /// <summary>The index of series by site.</summary>
    public const string SiteIndex = "site";

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    public override int Version => 1;

    /// <summary>The instant the agenda's queries start a series' timetable from: two days before its first date, as the domain's agenda does.</summary>
    internal static Instant Since(MeetingSeriesPlan plan) => plan.FirstDate.PlusDays(-2).AtStartOfDayInZone(plan.Zone).ToInstant();

    /// <inheritdoc/>
    protected override AgendaSeries? Summarize(MeetingSeries aggregate)
    {
        var state = aggregate.State;
        var plan = state.Plan;
        var outcomes = state.Outcomes
            .Select(o => new AgendaOutcome(o.Slot, o.Status, o.RescheduledTo is { } moved ? plan.Resolve(moved).ToInstant() : null))
            .ToList();
        var (slot, due) = plan.Cadence.LinkedTo is null ? FirstOpen(state) : (null, null);
        return new AgendaSeries(
            plan.Series,
            plan.Site,
            plan.Kind,
            plan.Title,
            plan.Cadence.ToString(),
            plan.Cadence.LinkedTo,
            plan.Zone.Id,
            plan.FirstDate,
            plan.LastDate,
            outcomes,
            slot,
            due);
    }

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(AgendaSeries document)
    {
        var site = document.Site.Value;
        yield return new DocumentIndexEntry(SiteIndex, site);
        Instant? from = document.NextDue;
        if (document.LinkedTo is not null)
        {
            // Three days before its first date in UTC: before its first meeting in any zone.
            from = document.FirstDate.PlusDays(-3).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }

        if (from is { } start)
        {
            yield return new DocumentIndexEntry(NextDueIndex, DocumentIndexEntry.Of(start));
            yield return new DocumentIndexEntry(SiteNextDueIndex, DocumentIndexEntry.Compose(site, DocumentIndexEntry.Of(start)));
        }
    }

    /// <summary>
    /// The first meeting still to be held of a series not linked to another: the earliest current start among the
    /// first planned meeting with nothing recorded and the moved meetings not yet held.
    /// </summary>
    private static (LocalDate? Slot, Instant? Start) FirstOpen(MeetingSeriesState state)
    {
        var plan = state.Plan;
        (LocalDate? Slot, Instant? Start) first = (null, null);
        var end = plan.LastDate.PlusDays(2).AtStartOfDayInZone(plan.Zone).ToInstant();
        for (var from = Since(plan); from < end && first.Slot is null; from += Duration.FromDays(366))
        {
            var to = Instant.Min(end, from + Duration.FromDays(366));
            foreach (var occurrence in MeetingTimetable.OccurrencesOf(plan, from, to))
            {
                if (state.OutcomeOf(occurrence.Slot) is null)
                {
                    first = (occurrence.Slot, occurrence.Start.ToInstant());
                    break;
                }
            }
        }

        foreach (var record in state.Outcomes)
        {
            if (record is { Status: OccurrenceStatus.Rescheduled, RescheduledTo: { } moved }
                && plan.Resolve(moved).ToInstant() is var start
                && (first.Start is null || start < first.Start))
            {
                first = (record.Slot, start);
            }
        }

        return first;
    }
}
