using System;
using System.Linq;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Sites;

public sealed class TeamRosterTests
{
    private static readonly TeamRoster Roster = PaperSites.Roster();

    [Fact]
    public void Roles_are_those_held_on_the_date_so_an_endorsement_counts_by_the_role_of_that_day()
    {
        Assert.Equal([PaperSites.DistrictDirector], Roster.RolesOn(PaperSites.KilifiId, PaperSites.KilifiDirector, PaperSites.LastDayOfDistricts));
        Assert.Equal([PaperSites.CountyDirector], Roster.RolesOn(PaperSites.KilifiId, PaperSites.KilifiDirector, PaperSites.LastDayOfDistricts.PlusDays(1)));
        Assert.Empty(Roster.RolesOn(PaperSites.KilifiId, PaperSites.KilifiDirector, new LocalDate(2011, 12, 31)));
        Assert.Empty(Roster.RolesOn(PaperSites.KilifiId, PaperSites.KilifiSubCountyManager, new LocalDate(2016, 3, 1)));
        Assert.Empty(Roster.RolesOn(PaperSites.KilifiId, new MemberId("nobody"), new LocalDate(2016, 3, 1)));
    }

    [Fact]
    public void An_instant_becomes_a_date_in_the_site_zone_before_roles_are_looked_up()
    {
        // 21:30 UTC on the last day of the districts is already the next day in Nairobi (UTC+3).
        var instant = Instant.FromUtc(2013, 3, 26, 21, 30);
        var date = Roster.DateAt(PaperSites.KilifiId, instant, PaperSites.Zones);

        Assert.Equal(new LocalDate(2013, 3, 27), date);
        Assert.Equal([PaperSites.CountyDirector], Roster.RolesOn(PaperSites.KilifiId, PaperSites.KilifiDirector, date));
    }

    [Fact]
    public void A_person_can_be_a_member_of_several_sites()
    {
        Assert.True(Roster.IsMember(PaperSites.MitchellsPlainId, PaperSites.Facilitator));
        Assert.True(Roster.IsMember(PaperSites.SedibengId, PaperSites.Facilitator));
        Assert.False(Roster.IsMember(PaperSites.KilifiId, PaperSites.Facilitator));
        Assert.Equal([PaperSites.MitchellsPlainId, PaperSites.SedibengId], Roster.SitesOf(PaperSites.Facilitator));
        Assert.Empty(Roster.RolesOn(PaperSites.SedibengId, PaperSites.Facilitator, new LocalDate(2015, 6, 1)));
        Assert.Equal([PaperSites.ExternalFacilitator], Roster.RolesOn(PaperSites.MitchellsPlainId, PaperSites.Facilitator, new LocalDate(2015, 6, 1)));
    }

    [Fact]
    public void Active_members_on_a_date_are_listed_with_their_roles()
    {
        var active = Roster.ActiveOn(PaperSites.MitchellsPlainId, new LocalDate(2016, 6, 1));

        Assert.Equal(
            [PaperSites.MitchellsPlainLeadResearcher, PaperSites.MitchellsPlainSubDistrictManager, PaperSites.MitchellsPlainFacilityManager, PaperSites.Facilitator],
            active.Select(a => a.Member));
        var facilityManager = active.Single(a => a.Member == PaperSites.MitchellsPlainFacilityManager);
        Assert.Equal([PaperSites.FacilityManager], facilityManager.Roles);
        Assert.Equal("M4", facilityManager.NameForReports);
        Assert.False(facilityManager.IsCore);
    }

    [Fact]
    public void A_manager_who_leaves_and_one_who_joins_show_in_the_manager_turnover_of_their_years()
    {
        var y2016 = Roster.TurnoverIn(PaperSites.MitchellsPlainId, 2016, RoleKind.Manager);
        var y2017 = Roster.TurnoverIn(PaperSites.MitchellsPlainId, 2017, RoleKind.Manager);

        Assert.Equal((0, 1, 2, 2, 2.0), (y2016.Joiners, y2016.Leavers, y2016.HeadcountAtStart, y2016.HeadcountAtEnd, y2016.AverageHeadcount));
        Assert.Equal(0.5, y2016.LeaverRate);
        Assert.Equal((1, 0, 1, 2), (y2017.Joiners, y2017.Leavers, y2017.HeadcountAtStart, y2017.HeadcountAtEnd));
        Assert.Equal((365 + 334) / 365.0, y2017.AverageHeadcount, 12);
    }

    [Fact]
    public void Changing_role_without_a_gap_is_not_turnover()
    {
        var devolution = Roster.TurnoverIn(PaperSites.KilifiId, 2013);

        Assert.Equal((0, 0, 3, 3, 3.0), (devolution.Joiners, devolution.Leavers, devolution.HeadcountAtStart, devolution.HeadcountAtEnd, devolution.AverageHeadcount));
    }

    [Fact]
    public void Average_headcount_is_the_mean_daily_headcount_over_the_year()
    {
        var y2015 = Roster.TurnoverIn(PaperSites.KilifiId, 2015);

        // Three members all year; the sub-county manager from 1 January to 30 June (181 days).
        Assert.Equal(((3 * 365) + 181) / 365.0, y2015.AverageHeadcount, 12);
        Assert.Equal((0, 1, 4, 3), (y2015.Joiners, y2015.Leavers, y2015.HeadcountAtStart, y2015.HeadcountAtEnd));
    }

    [Fact]
    public void A_rejoin_counts_as_joining_in_its_year_and_a_leap_year_has_366_days()
    {
        var y2017 = Roster.TurnoverIn(PaperSites.KilifiId, 2017);
        var y2016 = Roster.TurnoverIn(PaperSites.KilifiId, 2016);

        Assert.Equal((1, 0), (y2017.Joiners, y2017.Leavers));
        Assert.Equal((0, 1), (y2016.Joiners, y2016.Leavers));
        Assert.Equal(((2 * 366) + 244) / 366.0, y2016.AverageHeadcount, 12); // researcher: 1 Jan to 31 Aug 2016
    }

    [Fact]
    public void In_a_year_with_nobody_present_the_leaver_rate_is_undefined()
    {
        var y2009 = Roster.TurnoverIn(PaperSites.SedibengId, 2009);

        Assert.Equal(0, y2009.AverageHeadcount);
        Assert.Null(y2009.LeaverRate);
    }

    [Fact]
    public void Core_tenure_counts_days_present_and_spells_up_to_the_given_date()
    {
        var tenures = Roster.CoreTenures(PaperSites.KilifiId, new LocalDate(2018, 12, 31));

        Assert.Equal([PaperSites.KilifiDirector, PaperSites.KilifiLeadResearcher], tenures.Select(t => t.Member));
        Assert.All(tenures, t => Assert.Equal((new LocalDate(2012, 1, 1), (LocalDate?)null, 2557, 1), (t.FirstJoined, t.LastDay, t.DaysPresent, t.Spells)));
    }

    [Fact]
    public void A_core_member_who_left_keeps_their_last_day_and_the_days_they_stayed()
    {
        var sedibeng = Roster.CoreTenures(PaperSites.SedibengId, new LocalDate(2018, 12, 31));
        var first = sedibeng.Single(t => t.Member == PaperSites.SedibengFirstDistrictManager);

        Assert.Equal(new LocalDate(2015, 10, 31), first.LastDay);
        Assert.Equal(365 + 304, first.DaysPresent);
        Assert.Empty(Roster.CoreTenures(PaperSites.SedibengId, new LocalDate(2013, 12, 31)));
    }

    [Fact]
    public void Core_managers_are_listed_with_days_since_their_last_engagement_never_engaged_first()
    {
        var kilifi = Roster.CoreManagerEngagements(PaperSites.KilifiId, new LocalDate(2018, 12, 1));
        var before = Roster.CoreManagerEngagements(PaperSites.KilifiId, new LocalDate(2018, 10, 1));
        var sedibeng = Roster.CoreManagerEngagements(PaperSites.SedibengId, new LocalDate(2018, 12, 1));

        var director = Assert.Single(kilifi);
        Assert.Equal((PaperSites.KilifiDirector, new LocalDate(2018, 11, 20), EngagementKind.ManagerialRequest, 11), (director.Member, director.LastEngaged!.Value, director.LastKind!.Value, director.DaysSince!.Value));
        Assert.Equal([PaperSites.CountyDirector], director.ManagerRoles);
        Assert.Equal(17, Assert.Single(before).DaysSince);
        var second = Assert.Single(sedibeng);
        Assert.Equal(PaperSites.SedibengSecondDistrictManager, second.Member);
        Assert.Null(second.LastEngaged);
        Assert.Null(second.DaysSince);
    }

    [Fact]
    public void A_roster_refuses_a_site_given_twice_and_names_the_sites_it_holds_when_asked_for_another()
    {
        var kilifi = PaperSites.Kilifi().State;
        var twice = Assert.Throws<InputLimitException>(() => TeamRoster.Of(kilifi, kilifi));
        Assert.Equal((InputRule.Repeated, "sites", "kilifi"), (twice.Rule, twice.ParamName, twice.Echo));
        var ex = Assert.Throws<ArgumentException>(() => Roster.ActiveOn(new SiteId("elsewhere"), new LocalDate(2016, 1, 1)));
        Assert.Contains("kilifi, mitchells-plain, sedibeng", ex.Message, StringComparison.Ordinal);
    }
}
