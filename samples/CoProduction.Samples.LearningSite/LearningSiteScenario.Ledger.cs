using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ledger;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>
/// The co-production ledger, with Box 3's instrumental impacts and Table 2's engagements: what was learnt (insights),
/// how it travelled (engagements, outputs) and what changed (impacts), each linked to what it came from. Only what
/// the paper reports is recorded: no effort or cost figures, which the paper says the teams did not track.
/// </content>
public sealed partial class LearningSiteScenario
{
    private static readonly InsightId KilifiUserFees = new("kilifi-user-fees");
    private static readonly InsightId DialhsLeadership = new("dialhs-leadership");
    private static readonly EngagementId KilifiUserFeeFeedback = new("kilifi-user-fee-feedback");
    private static readonly EngagementId UctDiploma = new("uct-diploma-health-leadership");
    private static readonly EngagementId Symposium2016 = new("hsr-symposium-2016");
    private static readonly EngagementId Symposium2018 = new("hsr-symposium-2018");
    private static readonly OutputId Symposium2016Talk = new("hsr-2016-learning-sites");
    private static readonly OutputId Symposium2018Talk = new("hsr-2018-learning-sites");
    private static readonly ImpactId FacilityImprovementFundAct = new("kilifi-fif-act");
    private static readonly ImpactId WesternCapeLeadershipPolicy = new("wc-leadership-policy-2016");

    private readonly List<LedgerLine> _ledger = [];

    private async IAsyncEnumerable<Instant> LedgerStory([EnumeratorCancellation] CancellationToken ct)
    {
        var kilifiLead = Cast.KilifiLeadResearcher;
        var mpLead = Cast.MitchellsPlainLeadResearcher;

        // Kilifi's early work: hospitals rely on user fees, and devolution's finance laws took their say over them (Box 3).
        yield return When(Cast.Kilifi, new LocalDate(2013, 8, 20));
        var userFees = Insight.Record(new InsightRecording(KilifiUserFees, Cast.Kilifi,
            "District hospitals rely on user fees to cope with their resource challenges, and devolution's public finance laws took away their autonomy over them",
            Today(Cast.Kilifi))
        {
            Authors = [kilifiLead, Cast.KilifiResearcher],
            Source = InsightSourceKind.CycleReflection,
            SourceReference = KilifiCycle(2013).Value,
            Themes = ["hospital financing", "devolution"],
        }, new Stamp(Now, Cast.Member(kilifiLead)));
        await SaveAsync(userFees, ct).ConfigureAwait(false);
        Record(Cast.Kilifi, "insight", userFees.State.Statement);

        // DIALHS's early phase: insights into leadership challenges at sub-district and facility level (Box 3).
        yield return When(Cast.MitchellsPlain, new LocalDate(2013, 10, 1));
        var leadership = Insight.Record(new InsightRecording(DialhsLeadership, Cast.MitchellsPlain,
            "Sub-district and facility managers face leadership challenges that district health system development has to meet with support for their leadership",
            Today(Cast.MitchellsPlain))
        {
            Authors = [mpLead],
            Source = InsightSourceKind.CycleReflection,
            SourceReference = MitchellsPlainCycle(2013).Value,
            Themes = ["leadership"],
        }, new Stamp(Now, Cast.Member(mpLead)));
        await SaveAsync(leadership, ct).ConfigureAwait(false);
        Record(Cast.MitchellsPlain, "insight", leadership.State.Statement);

        yield return When(Cast.Kilifi, new LocalDate(2014, 10, 14));
        var feedback = WiderEngagement.Record(new EngagementRecording(KilifiUserFeeFeedback, Cast.Kilifi,
            "Findings on hospital user fees fed back to county policy-makers", Today(Cast.Kilifi), new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "Kilifi county policy-makers"))
        {
            Participants = [new EngagementParticipant(kilifiLead, Cast.Kilifi), new EngagementParticipant(Cast.KilifiDirector, Cast.Kilifi)],
            Insights = [KilifiUserFees],
        }, new Stamp(Now, Cast.Member(kilifiLead)));
        await SaveAsync(feedback, ct).ConfigureAwait(false);
        Record(Cast.Kilifi, "engagement", feedback.State.Title);

        // Research linked to teaching (Table 2): the UCT Postgraduate Diploma in Health Leadership.
        yield return When(Cast.MitchellsPlain, new LocalDate(2015, 3, 2));
        var diploma = WiderEngagement.Record(new EngagementRecording(UctDiploma, Cast.MitchellsPlain,
            "Learning site insights used in the Postgraduate Diploma in Health Leadership", Today(Cast.MitchellsPlain),
            new TeachingLink("Postgraduate Diploma in Health Leadership", "University of Cape Town", "public sector health managers"))
        {
            Participants = [new EngagementParticipant(mpLead, Cast.MitchellsPlain)],
            Insights = [DialhsLeadership],
        }, new Stamp(Now, Cast.Member(mpLead)));
        await SaveAsync(diploma, ct).ConfigureAwait(false);
        Record(Cast.MitchellsPlain, "engagement", diploma.State.Title);

        // The Western Cape's 2016 policy, fed by DIALHS's insights (Box 3): claimed by the team.
        yield return When(Cast.MitchellsPlain, new LocalDate(2016, 6, 30));
        var policy = Impact.Record(new ImpactRecording(WesternCapeLeadershipPolicy, Cast.MitchellsPlain,
            "The Western Cape's 2016 health leadership development policy and competency framework", new LocalDate(2016, 1, 1))
        {
            Change = ImpactChange.Policy,
            Level = SystemLevel.Provincial,
            Evidence = "DIALHS insights into leadership challenges at sub-district and facility level fed the process the provincial department of health commissioned",
            ObservedBy = "DIALHS learning site team",
            Insights = [DialhsLeadership],
        }, new Stamp(Now, Cast.Member(mpLead)));
        await SaveAsync(policy, ct).ConfigureAwait(false);
        Record(Cast.MitchellsPlain, "impact", policy.State.Statement);

        await foreach (var t in SymposiumAsync(Symposium2016, Symposium2016Talk, new LocalDate(2016, 11, 14), "4th", ct).ConfigureAwait(false))
        {
            yield return t;
        }

        // Kilifi's Facility Improvement Fund Act (Box 3): since 2017 the team supports its implementation.
        yield return When(Cast.Kilifi, new LocalDate(2017, 3, 1));
        var act = Impact.Record(new ImpactRecording(FacilityImprovementFundAct, Cast.Kilifi,
            "The Kilifi Health Sector Facility Improvement Fund Act returns the use and management of user fees to the hospitals", Today(Cast.Kilifi))
        {
            Change = ImpactChange.Law,
            Level = SystemLevel.DistrictOrCounty,
            Evidence = "The findings on hospital user fees were fed back to county policy-makers before the Act was enacted",
            ObservedBy = "Kilifi learning site team",
            Engagements = [KilifiUserFeeFeedback],
            Insights = [KilifiUserFees],
        }, new Stamp(Now, Cast.Member(kilifiLead)));
        act.Corroborate(new Corroboration("The Act as enacted by the county assembly", "Kilifi county assembly"), new Stamp(Now, Cast.Member(kilifiLead)));
        await SaveAsync(act, ct).ConfigureAwait(false);
        Record(Cast.Kilifi, "impact (corroborated)", act.State.Statement);

        await foreach (var t in SymposiumAsync(Symposium2018, Symposium2018Talk, new LocalDate(2018, 10, 8), "5th", ct).ConfigureAwait(false))
        {
            yield return t;
        }
    }

    /// <summary>A Global Symposium on Health Systems Research, on its opening day (Vancouver 2016, Liverpool 2018): the three sites present together (Table 2).</summary>
    private async IAsyncEnumerable<Instant> SymposiumAsync(EngagementId engagement, OutputId output, LocalDate opening, string edition, [EnumeratorCancellation] CancellationToken ct)
    {
        var kilifiLead = Cast.KilifiLeadResearcher;
        var mpLead = Cast.MitchellsPlainLeadResearcher;
        var year = opening.Year;
        yield return When(Cast.Sedibeng, opening);
        var symposium = WiderEngagement.Record(new EngagementRecording(engagement, Cast.Sedibeng,
            $"RESYST learning sites at the {edition} Global Symposium on Health Systems Research", Today(Cast.Sedibeng),
            new HigherLevelEngagement(SystemLevel.Global, $"{edition} Global Symposium on Health Systems Research ({year})"))
        {
            Participants =
            [
                new EngagementParticipant(kilifiLead, Cast.Kilifi), new EngagementParticipant(mpLead, Cast.MitchellsPlain),
                new EngagementParticipant(Cast.SedibengLeadResearcher, Cast.Sedibeng),
            ],
            Insights = [KilifiUserFees, DialhsLeadership],
        }, new Stamp(Now, Cast.Member(Cast.SedibengLeadResearcher)));
        await SaveAsync(symposium, ct).ConfigureAwait(false);
        var talk = Output.Record(new OutputRecording(output, Cast.Sedibeng, OutputKind.Presentation, $"Learning sites: embedded research with health managers ({year})", Today(Cast.Sedibeng))
        {
            Authors = [new OutputAuthor(kilifiLead, RoleKind.Researcher), new OutputAuthor(mpLead, RoleKind.Researcher), new OutputAuthor(Cast.SedibengLeadResearcher, RoleKind.Researcher)],
            Venue = $"{edition} Global Symposium on Health Systems Research",
            Insights = [KilifiUserFees, DialhsLeadership],
        }, new Stamp(Now, Cast.Member(Cast.SedibengLeadResearcher)));
        await SaveAsync(talk, ct).ConfigureAwait(false);
        Record(Cast.Sedibeng, "engagement and output", symposium.State.Title);
    }

    private void Record(SiteId site, string kind, string what)
    {
        _ledger.Add(new LedgerLine(Today(site), _sites[site].State.Name, kind, what));
        Note(site, TimelineKind.Ledger, $"Ledger {kind}: {what}");
    }
}
