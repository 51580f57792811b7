using System.Linq;
using System;
using System.Globalization;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Sites;

public sealed class MembershipTests
{
    private static readonly MemberId Newcomer = new("newcomer");
    private static readonly MemberId Stranger = new("stranger");

    private static void AssertNothingChanged(LearningSite site, Action command)
    {
        var state = site.State;
        var version = site.Version;
        var pending = site.UncommittedEvents.Count;

        var ex = Assert.Throws<CommandRejectedException>(command);

        Assert.Same(state, site.State);
        Assert.Equal(version, site.Version);
        Assert.Equal(pending, site.UncommittedEvents.Count);
        Assert.Equal(SiteStatus.Registered, ex.State);
        Assert.Equal(Enum.GetValues<SiteTrigger>(), ex.PermittedTriggers.Cast<SiteTrigger>());
        Assert.NotEmpty(ex.Reasons);
    }

    [Fact]
    public void A_member_added_twice_is_rejected_and_nothing_changes()
    {
        var site = PaperSites.Kilifi();
        AssertNothingChanged(site, () => site.AddMember(PaperSites.KilifiDirector, "Someone else", PaperSites.Stamp));
    }

    [Fact]
    public void A_role_for_a_person_who_is_not_a_member_is_rejected_and_nothing_changes()
    {
        var site = PaperSites.Kilifi();
        AssertNothingChanged(site, () => site.JoinRole(Stranger, MemberRole.Researcher, new LocalDate(2016, 1, 1), PaperSites.Stamp));
        AssertNothingChanged(site, () => site.LeaveRole(Stranger, MemberRole.Researcher, new LocalDate(2016, 1, 1), PaperSites.Stamp));
        AssertNothingChanged(site, () => site.MarkCore(Stranger, PaperSites.Stamp));
        AssertNothingChanged(site, () => site.RecordEngagement(Stranger, new Engagement(new LocalDate(2016, 1, 1), EngagementKind.Meeting), PaperSites.Stamp));
    }

    [Fact]
    public void Joining_a_role_already_held_is_rejected_as_overlapping_tenure()
    {
        var site = PaperSites.Kilifi();
        var ex = Assert.Throws<CommandRejectedException>(
            () => site.JoinRole(PaperSites.KilifiLeadResearcher, MemberRole.Researcher, new LocalDate(2015, 1, 1), PaperSites.Stamp));

        Assert.Equal(SiteTrigger.JoinRole, ex.Trigger);
        Assert.Contains("already holds the role Researcher since 2012-01-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejoining_on_or_before_the_last_day_of_the_previous_period_is_rejected_as_overlapping()
    {
        var site = PaperSites.Kilifi();
        AssertNothingChanged(site, () => site.JoinRole(PaperSites.KilifiResearcher, MemberRole.Researcher, new LocalDate(2016, 8, 31), PaperSites.Stamp));
        AssertNothingChanged(site, () => site.JoinRole(PaperSites.KilifiResearcher, MemberRole.Researcher, new LocalDate(2015, 1, 1), PaperSites.Stamp));
    }

    [Fact]
    public void Rejoining_the_day_after_leaving_is_allowed_and_starts_a_new_period()
    {
        var site = PaperSites.Kilifi();
        site.JoinRole(PaperSites.KilifiResearcher, MemberRole.Researcher, new LocalDate(2016, 9, 1), PaperSites.Stamp);

        var member = site.State.FindMember(PaperSites.KilifiResearcher)!;
        Assert.Equal(2, member.Tenures.Count);
        Assert.True(member.IsActiveOn(new LocalDate(2016, 8, 31)));
        Assert.True(member.IsActiveOn(new LocalDate(2016, 9, 1)));
    }

    [Fact]
    public void Leaving_before_joining_is_rejected_and_nothing_changes()
    {
        var site = PaperSites.MitchellsPlain();
        var ex = Assert.Throws<CommandRejectedException>(
            () => site.LeaveRole(PaperSites.MitchellsPlainNewFacilityManager, PaperSites.FacilityManager, new LocalDate(2017, 1, 31), PaperSites.Stamp));

        Assert.Contains("joined the role Middle Facility Manager on 2017-02-01, so cannot leave it earlier, on 2017-01-31", ex.Message, StringComparison.Ordinal);
        Assert.True(site.State.FindMember(PaperSites.MitchellsPlainNewFacilityManager)!.OpenTenure(PaperSites.FacilityManager) is not null);
    }

    [Fact]
    public void Leaving_a_role_not_held_is_rejected_even_when_another_role_is_held()
    {
        var site = PaperSites.Kilifi();
        AssertNothingChanged(site, () => site.LeaveRole(PaperSites.KilifiDirector, PaperSites.DistrictDirector, new LocalDate(2016, 1, 1), PaperSites.Stamp));
    }

    [Fact]
    public void A_member_can_hold_several_roles_at_once()
    {
        var site = PaperSites.Kilifi();
        var reviewer = new MemberRole(RoleKind.EthicsReviewer);
        site.JoinRole(PaperSites.KilifiLeadResearcher, reviewer, new LocalDate(2015, 1, 1), PaperSites.Stamp);

        Assert.Equal([MemberRole.Researcher, reviewer], site.State.FindMember(PaperSites.KilifiLeadResearcher)!.RolesOn(new LocalDate(2015, 6, 1)));
    }

    [Fact]
    public void Leaving_on_the_day_of_joining_holds_the_role_for_that_one_day()
    {
        var site = PaperSites.Kilifi();
        site.AddMember(Newcomer, "Visiting manager", PaperSites.Stamp);
        var day = new LocalDate(2016, 5, 4);
        site.JoinRole(Newcomer, PaperSites.SubCountyManager, day, PaperSites.Stamp);
        site.LeaveRole(Newcomer, PaperSites.SubCountyManager, day, PaperSites.Stamp);

        var member = site.State.FindMember(Newcomer)!;
        Assert.True(member.IsActiveOn(day));
        Assert.False(member.IsActiveOn(day.PlusDays(1)));
        Assert.False(member.IsActiveOn(day.PlusDays(-1)));
    }

    [Fact]
    public void The_core_mark_is_set_and_cleared_and_a_repeated_mark_is_rejected()
    {
        var site = PaperSites.Kilifi();
        AssertNothingChanged(site, () => site.MarkCore(PaperSites.KilifiDirector, PaperSites.Stamp));
        AssertNothingChanged(site, () => site.ClearCore(PaperSites.KilifiResearcher, PaperSites.Stamp));

        site.ClearCore(PaperSites.KilifiDirector, PaperSites.Stamp);
        Assert.False(site.State.FindMember(PaperSites.KilifiDirector)!.IsCore);
    }

    [Fact]
    public void The_pseudonym_is_the_name_for_reports_when_there_is_one()
    {
        var state = PaperSites.Kilifi().State;
        Assert.Equal("M1", state.FindMember(PaperSites.KilifiDirector)!.NameForReports);
        Assert.Equal("Researcher (Kilifi)", state.FindMember(PaperSites.KilifiResearcher)!.NameForReports);
    }

    [Theory]
    [InlineData(RoleKind.Manager, ManagementLevel.None, Seniority.Senior)]
    [InlineData(RoleKind.Researcher, ManagementLevel.District, Seniority.None)]
    [InlineData(RoleKind.HealthWorker, ManagementLevel.None, Seniority.Middle)]
    [InlineData((RoleKind)42, ManagementLevel.None, Seniority.None)]
    public void A_malformed_role_is_an_argument_error_and_nothing_changes(RoleKind kind, ManagementLevel level, Seniority seniority)
    {
        var site = PaperSites.Kilifi();
        var version = site.Version;

        Assert.ThrowsAny<ArgumentException>(() => site.JoinRole(PaperSites.KilifiLeadResearcher, new MemberRole(kind, level, seniority), new LocalDate(2016, 1, 1), PaperSites.Stamp));
        Assert.Equal(version, site.Version);
    }

    [Fact]
    public void Malformed_member_arguments_are_argument_errors()
    {
        var site = PaperSites.Kilifi();
        Assert.Throws<ArgumentException>(() => site.AddMember(default, "Name", PaperSites.Stamp));
        Assert.Equal(InputRule.Blank, Assert.Throws<InputLimitException>(() => site.AddMember(Newcomer, "", PaperSites.Stamp)).Rule);
        Assert.Equal(InputRule.Padded, Assert.Throws<InputLimitException>(() => site.AddMember(Newcomer, "Name", PaperSites.Stamp, " padded")).Rule);
        Assert.Throws<ArgumentException>(() => site.RecordEngagement(PaperSites.KilifiDirector, new Engagement(new LocalDate(2016, 1, 1), default), PaperSites.Stamp));
        Assert.Throws<ArgumentException>(() => EngagementKind.Named("Site Visit"));
    }

    [Fact]
    public void Rejection_messages_do_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            var site = PaperSites.Kilifi();
            var ex = Assert.Throws<CommandRejectedException>(
                () => site.JoinRole(PaperSites.KilifiResearcher, MemberRole.Researcher, new LocalDate(2016, 8, 1), PaperSites.Stamp));
            Assert.Contains("from 2014-02-01 to 2016-08-31", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
