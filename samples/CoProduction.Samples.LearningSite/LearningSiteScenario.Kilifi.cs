using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>Kilifi's annual cycles: plan, act, reflect, evaluate, revise, and carry the revisions into next year.</content>
public sealed partial class LearningSiteScenario
{
    private static readonly ActivityId CountyMeetings = new("observe-chmt-meetings");
    private static readonly ActivityId SubCountyInterviews = new("interview-subcounty-managers");
    private static readonly ActivityId FacilityFinancing = new("interview-facility-managers-financing");
    private static readonly ActivityId FeedbackToManagers = new("feedback-to-managers");

    private static readonly ExpectedStageLength[] KilifiStageLengths =
    [
        new(CycleStage.Planning, Period.FromMonths(2)),
        new(CycleStage.Acting, Period.FromMonths(4)),
        new(CycleStage.Reflecting, Period.FromMonths(2)),
    ];

    private Cycle? _kilifi;
    private LocalDateTime? _kilifiMeetingMovedTo;

    /// <summary>Kilifi's storyline: each year the protocol is renewed, then the year's cycle runs from the last one's revisions.</summary>
    private async IAsyncEnumerable<Instant> KilifiYears(int first, int last, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var year = first; year <= last; year++)
        {
            if (year > 2012)
            {
                await foreach (var t in RenewKilifiProtocol(year, showReminders: year == 2018, ct).ConfigureAwait(false))
                {
                    yield return t;
                }
            }

            await foreach (var t in KilifiYear(year, _kilifi, ct).ConfigureAwait(false))
            {
                yield return t;
            }
        }
    }

    /// <summary>One annual cycle at Kilifi, from the previous one's revisions when there is one; leaves it in <see cref="_kilifi"/>.</summary>
    private async IAsyncEnumerable<Instant> KilifiYear(int year, Cycle? previous, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.Kilifi;
        var lead = Cast.KilifiLeadResearcher;
        var by = Cast.Member(lead);
        var id = KilifiCycle(year);
        var focus = year switch
        {
            2013 => "Priority setting and budgeting as the county is formed",
            2016 => "Facility financing: how facility managers receive and use their funds",
            2017 => "Keeping services going through the health workers' strike",
            _ => "Strengthening the county health management team's everyday practices",
        };

        yield return When(site, new LocalDate(year, 1, DayAround(26)));
        var at = Now;
        var cycle = previous is null
            ? Cycle.Start(new CycleOpening(id, site, 1, focus) { ExpectedStageLengths = KilifiStageLengths }, Rules.At(new Stamp(at, by)))
            : previous.StartNext(id, focus, Rules.At(new Stamp(at, by)));
        Note(site, TimelineKind.Cycle, previous is null
            ? $"Cycle {cycle.State.Number} ({id}) starts: {focus}"
            : $"Cycle {cycle.State.Number} ({id}) starts from cycle {previous.State.Number}'s revisions: {cycle.State.Proposals.Count} activities carried forward");
        if (previous is not null)
        {
            await SaveAsync(previous, ct).ConfigureAwait(false);
        }

        // Plan: what was carried forward, then what is new this year.
        yield return When(site, new LocalDate(year, 2, DayAround(1)));
        at = Now;
        foreach (var proposal in cycle.State.Proposals)
        {
            cycle.PlanProposedActivity(proposal.Id, new LocalDate(year, 4, DayAround(6)), lead, Rules.At(new Stamp(at, by)));
        }

        if (previous is null)
        {
            cycle.PlanActivity(Activity(CountyMeetings, "observation of county health management team meetings", ActivityKind.Research,
                new DataCollection(DataCollectionMethod.Observation, RespondentGroup.DistrictManagers), new LocalDate(year, 4, DayAround(6))), Rules.At(new Stamp(at, by)));
            cycle.PlanActivity(Activity(SubCountyInterviews, "interviews with sub-county managers", ActivityKind.Research,
                new DataCollection(DataCollectionMethod.Interview, RespondentGroup.SubDistrictManagers), new LocalDate(year, 5, DayAround(6))), Rules.At(new Stamp(at, by)));
        }

        if (year == 2016)
        {
            cycle.PlanActivity(Activity(FacilityFinancing, "interviews with facility managers on facility financing", ActivityKind.Research,
                new DataCollection(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers), new LocalDate(year, 5, DayAround(2))), Rules.At(new Stamp(at, by)));
            Note(site, TimelineKind.Cycle, "The team plans a new activity: interviews with facility managers on facility financing");
        }

        Note(site, TimelineKind.Cycle, $"Plan: {string.Join(", ", cycle.State.Activities.Select(a => a.Title))}");
        yield return When(site, new LocalDate(year, 2, DayAround(12)));
        at = Now;
        cycle.EndorsePlan(lead, Rules.At(new Stamp(at, by)));
        cycle.EndorsePlan(Cast.KilifiDirector, Rules.At(new Stamp(at, Cast.Member(Cast.KilifiDirector))));   // the director endorses themselves
        Note(site, TimelineKind.Cycle, "Plan endorsed by the lead researcher and the county director (collective leadership)");
        if (_continuing)
        {
            Capture($"Kilifi {year}: the plan carried forward is endorsed", cycle, at);
        }
        await SaveAsync(cycle, ct).ConfigureAwait(false);

        yield return When(site, new LocalDate(year, 3, DayAround(1)));
        at = Now;
        if (year == 2016)
        {
            await foreach (var t in BlockThenAmend(cycle, ct).ConfigureAwait(false))
            {
                yield return t;
            }

            at = Now;
        }

        cycle.StartActing(Rules.At(new Stamp(at, by)));
        Note(site, TimelineKind.Cycle, "Acting starts");

        foreach (var activity in cycle.State.Activities)
        {
            var on = activity.PlannedOn > Today(site) ? activity.PlannedOn : Today(site);
            yield return When(site, on, 16);
            var done = Now;
            cycle.RecordAction(new CycleAction(activity.Id, on, "carried out: " + activity.Title, ["field notes " + activity.Id.Value]), Rules.At(new Stamp(done, by)));
            if (year == 2017 && activity.Id == cycle.State.Activities[0].Id)
            {
                await foreach (var t in Strike(cycle, ct).ConfigureAwait(false))
                {
                    yield return t;
                }
            }
        }

        Note(site, TimelineKind.Cycle, $"{cycle.State.Actions.Count} actions recorded");
        await SaveAsync(cycle, ct).ConfigureAwait(false);

        yield return When(site, Later(site, new LocalDate(year, 7, DayAround(1))));
        at = Now;
        cycle.StartReflecting(Rules.At(new Stamp(at, by)));

        // The reflection with managers is July's meeting of the twice-yearly series (moved in 2017).
        var july = OccurrencesOf(KilifiManagers, new LocalDate(year, 7, 1), new LocalDate(year, 8, 1));
        var heldOn = _kilifiMeetingMovedTo ?? (july.Count > 0 ? july[0].Start.LocalDateTime : new LocalDateTime(year, 7, 20, 10, 0));
        _kilifiMeetingMovedTo = null;
        yield return heldOn.PlusHours(3).InZoneLeniently(ZoneOf(site)).ToInstant();
        at = Now;
        var attendees = new[] { lead, Cast.KilifiDirector, Cast.KilifiSubCountyManager };
        if (july.Count > 0)
        {
            await HeldAsync(july[0], attendees, id, ct).ConfigureAwait(false);
        }
        cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, heldOn.Date, [.. attendees],
            [year == 2016
                ? "Facility managers say funds arrive late and with rules that leave them little room to decide"
                : "Relationships of trust make it possible to discuss what did not work"]), Rules.At(new Stamp(at, by)));
        Note(site, TimelineKind.Cycle, "Reflection with managers held: insights recorded");

        yield return When(site, Today(site).PlusDays(14));
        at = Now;
        cycle.StartEvaluating(Rules.At(new Stamp(at, by)));
        foreach (var activity in cycle.State.Activities)
        {
            var outcome = year == 2017 && activity.Id == SubCountyInterviews ? EvaluationOutcome.PartlyAchieved : EvaluationOutcome.Achieved;
            cycle.RecordEvaluation(new Evaluation(activity.Id, outcome, "team review of " + activity.Title), Rules.At(new Stamp(at, by)));
        }

        yield return When(site, Today(site).PlusDays(7));
        at = Now;
        cycle.StartRevising(Rules.At(new Stamp(at, by)));
        cycle.RecordRevision(RevisionFor(cycle, year), Rules.At(new Stamp(at, by)));
        yield return When(site, Today(site).PlusDays(7));
        at = Now;
        cycle.Complete(Rules.At(new Stamp(at, by)));
        Completed(cycle);
        var carried = cycle.State.Revisions.Sum(r => r.Proposals.Count + r.Decisions.Count(d => d.Decision != RevisionDecision.Abandon));
        Note(site, TimelineKind.Cycle, $"Cycle {cycle.State.Number} completed; {carried} activities go forward to next year's plan");
        await SaveAsync(cycle, ct).ConfigureAwait(false);
        _kilifi = cycle;
    }

    /// <summary>What the team revises: keep the core activities, adapt the interviews after the strike, propose feedback to managers once.</summary>
    private static Revision RevisionFor(Cycle cycle, int year)
    {
        var decisions = new List<ActivityRevision>();
        foreach (var activity in cycle.State.Activities)
        {
            var decision = activity.Id == FeedbackToManagers ? RevisionDecision.Abandon
                : year == 2017 && activity.Id == SubCountyInterviews ? RevisionDecision.Adapt
                : RevisionDecision.Adopt;
            var rationale = decision switch
            {
                RevisionDecision.Abandon => "feedback now happens in every reflection with managers",
                RevisionDecision.Adapt => "shorter interviews, scheduled around the strike's backlog",
                _ => "worked well; managers asked to keep it",
            };
            decisions.Add(new ActivityRevision(activity.Id, decision, rationale));
        }

        ValueList<ProposedActivity> proposals = year == 2014
            ? [new ProposedActivity(FeedbackToManagers, "feedback of emerging findings to managers", ActivityKind.Feedback, null,
                "managers use the findings in planning", "managers asked to hear findings before the final report")]
            : [];
        return new Revision([.. decisions], proposals, ["Co-production needs time: plan fewer activities and reflect more"]);
    }

    private PlannedActivity Activity(ActivityId id, string title, ActivityKind kind, DataCollection? collection, LocalDate on)
        => new(id, title, kind, collection, on, Cast.KilifiLeadResearcher);

    /// <summary>A date that is not before today at the site (after a pause the story has moved on).</summary>
    private LocalDate Later(SiteId site, LocalDate date)
    {
        var today = Today(site);
        return date > today ? date : today.PlusDays(7);
    }

    /// <summary>The 2017 health workers' strike: the cycle is paused, not lost, and resumes where it was.</summary>
    private async IAsyncEnumerable<Instant> Strike(Cycle cycle, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.Kilifi;
        var by = Cast.Member(Cast.KilifiLeadResearcher);
        yield return When(site, new LocalDate(2017, 6, 5));
        var at = Now;
        cycle.Pause(ShockKind.Strike, "Nurses' strike: facilities closed, managers absorbed in crisis management", Rules.At(new Stamp(at, by)));
        Note(site, TimelineKind.Shock, $"Health workers' strike: cycle {cycle.State.Number} paused in {cycle.State.PausedFrom}");
        await SaveAsync(cycle, ct).ConfigureAwait(false);

        yield return When(site, new LocalDate(2017, 7, 10));
        at = Now;
        Capture("Kilifi during the 2017 strike: the cycle is paused", cycle, at);

        // July's reflection with managers cannot happen: it is moved, not dropped (it keeps its slot).
        var july = OccurrencesOf(KilifiManagers, new LocalDate(2017, 7, 1), new LocalDate(2017, 8, 1))[0];
        _kilifiMeetingMovedTo = new LocalDateTime(2017, 11, 20, 10, 0);
        _series[KilifiManagers].Reschedule(july, _kilifiMeetingMovedTo.Value, "health workers' strike", new Stamp(at, by));
        await SaveAsync(_series[KilifiManagers], ct).ConfigureAwait(false);
        Note(site, TimelineKind.Meeting, "July's reflection with managers moved to 2017-11-20 because of the strike");

        yield return When(site, new LocalDate(2017, 11, 6));
        at = Now;
        cycle.Resume(Rules.At(new Stamp(at, by)));
        _pausedAndResumed.Add(cycle.Id);
        var pause = cycle.State.Pauses[^1];
        Note(site, TimelineKind.Shock, $"Strike over: cycle resumes in {cycle.Stage} after {(int)(pause.EndedAt!.Value - pause.PausedAt).TotalDays} days paused");
        await SaveAsync(cycle, ct).ConfigureAwait(false);
    }

    private void Capture(string title, Cycle cycle, Instant at)
        => _moments.Add(new AvailabilityMoment(title, at.InZone(ZoneOf(cycle.State.Site)).Date, cycle.Id, cycle.Stage, cycle.Availability(at, Rules)));
}
