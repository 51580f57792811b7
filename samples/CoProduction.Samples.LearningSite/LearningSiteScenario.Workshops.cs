using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>Sedibeng: a short cycle around each monthly leadership support workshop (the 2016 protocol), with a debrief before and after.</content>
public sealed partial class LearningSiteScenario
{
    private static readonly ActivityId Workshop = new("leadership-workshop");

    private static readonly string[] WorkshopTopics =
    [
        "Leading in a context of constrained resources",
        "Listening to staff",
        "Managing conflict in facilities",
        "Using information for decisions",
        "Supportive supervision",
        "Working with communities",
        "Managing up: the sub-district and the province",
        "Leading change in everyday routines",
        "Looking after yourself as a leader",
        "What we learned this year",
    ];

    private async IAsyncEnumerable<Instant> WorkshopYear(int year, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.Sedibeng;
        var lead = Cast.SedibengLeadResearcher;
        var by = Cast.Member(lead);
        yield return When(site, new LocalDate(year, 1, 18));
        await ApproveWorkshopProtocolAsync(ct).ConfigureAwait(false);
        await PlanSeriesAsync(WorkshopPlans(ZoneOf(site), new LocalDate(year, 2, 1), new LocalDate(year, 11, 30)), ct).ConfigureAwait(false);
        Note(site, TimelineKind.Meeting, "Monthly leadership workshops with an external facilitator planned (second Thursday, February to November), with a debrief the day before and the day after");

        var workshops = OccurrencesOf(SedibengWorkshops, new LocalDate(year, 2, 1), new LocalDate(year, 12, 1));
        Cycle? previous = null;
        for (var i = 0; i < workshops.Count && i < WorkshopTopics.Length; i++)
        {
            var workshop = workshops[i];
            var day = workshop.Start.Date;
            var month = day.Month;
            var topic = WorkshopTopics[i];
            var id = new CycleId($"sed-{year}-{month.ToString("00", CultureInfo.InvariantCulture)}");
            yield return When(site, day.PlusDays(-10));
            var at = Now;
            var cycle = previous is null
                ? Cycle.Start(new CycleOpening(id, site, (_sedibeng?.State.Number ?? 0) + 1, "Leadership workshop: " + topic), Rules.At(new Stamp(at, by)))
                : previous.StartNext(id, "Leadership workshop: " + topic, Rules.At(new Stamp(at, by)));
            if (previous is not null)
            {
                await SaveAsync(previous, ct).ConfigureAwait(false);
                cycle.PlanProposedActivity(Workshop, day, lead, Rules.At(new Stamp(at, by)));
            }
            else
            {
                cycle.PlanActivity(new PlannedActivity(Workshop, "monthly leadership workshop with senior and middle managers", ActivityKind.Facilitation,
                    new DataCollection(DataCollectionMethod.WorkshopObservation, RespondentGroup.SubDistrictManagers), day, lead,
                    "managers bring a problem from their facility and leave with a plan"), Rules.At(new Stamp(at, by)));
            }

            cycle.EndorsePlan(lead, Rules.At(new Stamp(at, by)));
            cycle.EndorsePlan(Cast.SedibengSecondDistrictManager, Rules.At(new Stamp(at, Cast.Member(Cast.SedibengSecondDistrictManager))));   // the manager endorses themselves

            // The debrief before the workshop: researchers and the facilitator prepare, the day before.
            var before = Meetings.Timetable.Find(SedibengBefore, workshop.Slot.PlusDays(-1))!.Value;
            yield return before.End.ToInstant();
            await HeldAsync(before, [lead, Cast.Facilitator], null, ct).ConfigureAwait(false);
            yield return When(site, day, 8);
            at = Now;
            cycle.StartActing(Rules.At(new Stamp(at, by)));
            yield return workshop.End.ToInstant();
            at = Now;
            await HeldAsync(workshop, [lead, Cast.Facilitator, Cast.SedibengSecondDistrictManager, Cast.SedibengSubDistrictManager], id, ct).ConfigureAwait(false);
            cycle.RecordAction(new CycleAction(Workshop, day, "workshop held: " + topic, ["facilitator's notes", "observation notes"]), Rules.At(new Stamp(at, by)));
            cycle.StartReflecting(Rules.At(new Stamp(at, by)));

            // The debrief after the workshop, the next day, with the district manager: the cycle's reflection.
            var after = Meetings.Timetable.Find(SedibengAfter, workshop.Slot.PlusDays(1))!.Value;
            var debrief = after.Start.Date;
            yield return after.End.ToInstant();
            at = Now;
            await HeldAsync(after, [lead, Cast.Facilitator, Cast.SedibengSecondDistrictManager], id, ct).ConfigureAwait(false);
            cycle.RecordReflection(new Reflection(ReflectionMeetingKind.AfterWorkshop, debrief,
                [lead, Cast.Facilitator, Cast.SedibengSecondDistrictManager],
                ["Managers used the workshop to name problems they had not raised before"]), Rules.At(new Stamp(at, by)));
            cycle.StartEvaluating(Rules.At(new Stamp(at, by)));
            cycle.RecordEvaluation(new Evaluation(Workshop, EvaluationOutcome.Achieved, "attendance and the managers' feedback forms"), Rules.At(new Stamp(at, by)));
            cycle.StartRevising(Rules.At(new Stamp(at, by)));
            cycle.RecordRevision(new Revision(
                [new ActivityRevision(Workshop, RevisionDecision.Adapt, "next month: more time for managers' own cases")],
                [],
                ["Debriefs right after the workshop keep the learning fresh"]), Rules.At(new Stamp(at, by)));
            cycle.Complete(Rules.At(new Stamp(at, by)));
            Completed(cycle);
            Note(site, TimelineKind.Cycle, $"Workshop cycle {cycle.State.Number} \"{topic}\": debrief before, workshop, debrief after (the reflection), evaluation, revision; completed");
            await SaveAsync(cycle, ct).ConfigureAwait(false);
            previous = cycle;
        }

        if (previous is not null)
        {
            await SaveAsync(previous, ct).ConfigureAwait(false);
        }
    }
}
