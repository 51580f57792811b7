using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Programmes;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>The programme, its three sites and their teams, with the turnover the paper expects.</content>
public sealed partial class LearningSiteScenario
{
    private async IAsyncEnumerable<Instant> RegisterProgramme([EnumeratorCancellation] CancellationToken ct)
    {
        yield return When(Cast.Kilifi, new LocalDate(2012, 1, DayAround(9)));
        var at = Now;
        var stamp = new Stamp(at, Cast.Coordinator);
        _programme = Programme.Register(
            new ProgrammeRegistration(Cast.Resyst, "RESYST learning sites", new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31))), stamp);

        var kilifi = LearningSite.Register(
            new SiteRegistration(Cast.Kilifi, "Kilifi County", CountryCode.Kenya, _zones["Africa/Nairobi"])
            {
                Level = SiteLevel.County,
                EngagedSinceYear = 2000,
                PartnerInstitutions = ["KEMRI-Wellcome Trust Research Programme"],
            },
            stamp);
        Join(kilifi, Cast.KilifiLeadResearcher, "Lead researcher (Kilifi)", "R1", MemberRole.Researcher, new(2012, 1, 1), at);
        Join(kilifi, Cast.KilifiDirector, "District health director", "M1", Cast.DistrictDirector, new(2012, 1, 1), at);
        Join(kilifi, Cast.KilifiSubCountyManager, "Sub-county manager", "M2", Cast.SubCountyManager, new(2012, 6, 1), at);
        Join(kilifi, Cast.KilifiResearcher, "Researcher (Kilifi)", null, MemberRole.Researcher, new(2012, 1, 1), at);
        kilifi.MarkCore(Cast.KilifiLeadResearcher, stamp);
        kilifi.MarkCore(Cast.KilifiDirector, stamp);

        var mitchellsPlain = LearningSite.Register(
            new SiteRegistration(Cast.MitchellsPlain, "Mitchell's Plain", CountryCode.SouthAfrica, _zones["Africa/Johannesburg"])
            {
                Level = SiteLevel.SubDistrict,
                EngagedSinceYear = 2010,
                PartnerInstitutions = ["School of Public Health and Family Medicine, University of Cape Town", "School of Public Health, University of the Western Cape"],
            },
            stamp);
        Join(mitchellsPlain, Cast.MitchellsPlainLeadResearcher, "Lead researcher (Mitchell's Plain)", "R2", MemberRole.Researcher, new(2010, 3, 1), at);
        Join(mitchellsPlain, Cast.MitchellsPlainSubDistrictManager, "Sub-district manager", "M3", Cast.SubDistrictManager, new(2010, 3, 1), at);
        Join(mitchellsPlain, Cast.MitchellsPlainFacilityManager, "Facility manager", "M4", Cast.FacilityManager, new(2012, 1, 1), at);
        mitchellsPlain.MarkCore(Cast.MitchellsPlainLeadResearcher, stamp);
        mitchellsPlain.MarkCore(Cast.MitchellsPlainSubDistrictManager, stamp);

        var sedibeng = LearningSite.Register(
            new SiteRegistration(Cast.Sedibeng, "Sedibeng", CountryCode.SouthAfrica, _zones["Africa/Johannesburg"])
            {
                Level = SiteLevel.District,
                EngagedSinceYear = 2008,
                PartnerInstitutions = ["Centre for Health Policy, University of the Witwatersrand"],
            },
            stamp);
        Join(sedibeng, Cast.SedibengLeadResearcher, "Lead researcher (Sedibeng)", "R3", MemberRole.Researcher, new(2012, 1, 1), at);
        Join(sedibeng, Cast.SedibengDistrictManager, "District manager", "M6", Cast.DistrictDirector, new(2012, 1, 1), at);
        Join(sedibeng, Cast.SedibengSubDistrictManager, "Sub-district manager (Emfuleni)", "M8", Cast.SubDistrictMiddleManager, new(2014, 1, 1), at);
        Join(sedibeng, Cast.Facilitator, "Leadership facilitator", null, Cast.ExternalFacilitator, new(2015, 10, 1), at);
        sedibeng.MarkCore(Cast.SedibengLeadResearcher, stamp);

        foreach (var site in new[] { kilifi, mitchellsPlain, sedibeng })
        {
            _sites[site.Id] = site;
            _programme.AddSite(site.Id, stamp);
            Note(site.Id, TimelineKind.Setup, $"Learning site registered ({site.State.TimeZoneId}), team of {site.State.Members.Count}");
        }

        NoteProgramme(TimelineKind.Setup, "Programme RESYST registered for 2012-2018 with three learning sites");
        await PlanSeriesAsync(RhythmPlans().Concat(MitchellsPlainRhythm()).Concat(SedibengRhythm()), ct).ConfigureAwait(false);
        NoteProgramme(TimelineKind.Meeting, "Reflection rhythm planned: researchers quarterly, with managers twice a year, across sites yearly");
        await SaveSitesAsync(ct).ConfigureAwait(false);
        await SaveAsync(_programme, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The teams change: Kenya's devolution (March 2013) makes the district director the county
    /// director, the same person in a new role; Sedibeng's district manager leaves and a second takes
    /// over; a Kilifi researcher leaves.
    /// </summary>
    private async IAsyncEnumerable<Instant> TeamChanges([EnumeratorCancellation] CancellationToken ct)
    {
        yield return When(Cast.Kilifi, new LocalDate(2013, 3, 27));
        var kilifi = _sites[Cast.Kilifi];
        kilifi.LeaveRole(Cast.KilifiDirector, Cast.DistrictDirector, new LocalDate(2013, 3, 26), new Stamp(Now, Cast.Coordinator));
        kilifi.JoinRole(Cast.KilifiDirector, Cast.CountyDirector, new LocalDate(2013, 3, 27), new Stamp(Now, Cast.Coordinator));
        Note(Cast.Kilifi, TimelineKind.Shock, "Devolution: the district becomes a county; the director stays, now county director");
        await SaveSitesAsync(ct).ConfigureAwait(false);

        yield return When(Cast.Sedibeng, new LocalDate(2015, 11, 2));
        var sedibeng = _sites[Cast.Sedibeng];
        sedibeng.LeaveRole(Cast.SedibengDistrictManager, Cast.DistrictDirector, new LocalDate(2015, 10, 31), new Stamp(Now, Cast.Coordinator));
        Join(sedibeng, Cast.SedibengSecondDistrictManager, "Second district manager", "M7", Cast.DistrictDirector, new(2015, 11, 1), Now);
        sedibeng.MarkCore(Cast.SedibengSecondDistrictManager, new Stamp(Now, Cast.Coordinator));
        Note(Cast.Sedibeng, TimelineKind.Setup, "Managerial turnover: a new district manager takes over and joins the core team");
        await SaveSitesAsync(ct).ConfigureAwait(false);

        yield return When(Cast.Kilifi, new LocalDate(2016, 9, 1));
        kilifi.LeaveRole(Cast.KilifiResearcher, MemberRole.Researcher, new LocalDate(2016, 8, 31), new Stamp(Now, Cast.Coordinator));
        Note(Cast.Kilifi, TimelineKind.Setup, "A researcher leaves the Kilifi team");
        await SaveSitesAsync(ct).ConfigureAwait(false);
    }

    private static void Join(LearningSite site, MemberId member, string name, string? pseudonym, MemberRole role, LocalDate on, Instant at)
    {
        var stamp = new Stamp(at, Cast.Coordinator);
        site.AddMember(member, name, stamp, pseudonym);
        site.JoinRole(member, role, on, stamp);
    }

    private async Task SaveSitesAsync(CancellationToken ct)
    {
        foreach (var site in _sites.Values)
        {
            await SaveAsync(site, ct).ConfigureAwait(false);
        }
    }
}
