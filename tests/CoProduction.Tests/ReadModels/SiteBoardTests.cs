using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Sweeps;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.ReadModels;

/// <summary>The site board on a store, through <c>AddCoProduction</c>, over the paper's three sites as of 15 January 2019.</summary>
public abstract class SiteBoardTests(bool sqlite)
{
    private static readonly MemberId NewFacilityManager = new("ke-facility-manager");

    private readonly FakeClock clock = new(PaperSites.At);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_site_s_board_lists_who_holds_which_role_today_and_its_core_managers_last_engagement()
    {
        using var app = await SitesAsync();

        var board = await app.Board.GetAsync(PaperSites.KilifiId, Token);

        Assert.NotNull(board);
        Assert.Equal(new LocalDate(2019, 1, 15), board.Today);
        Assert.Equal(("Kilifi County", CountryCode.Kenya, SiteLevel.County, "Africa/Nairobi"), (board.Entry.Name, board.Entry.Country, board.Entry.Level, board.Entry.TimeZoneId));
        Assert.Equal(
            [PaperSites.KilifiLeadResearcher, PaperSites.KilifiDirector, PaperSites.KilifiSubCountyManager, PaperSites.KilifiResearcher],
            board.Entry.Members.Select(m => m.Member));
        var director = board.Entry.Members[1];
        Assert.True(director.IsCore);
        Assert.Equal(
            [new Tenure(PaperSites.DistrictDirector, new LocalDate(2012, 1, 1), PaperSites.LastDayOfDistricts), new Tenure(PaperSites.CountyDirector, PaperSites.LastDayOfDistricts.PlusDays(1))],
            director.Tenures.ToArray());
        Assert.Equal(new Engagement(new LocalDate(2018, 11, 20), EngagementKind.ManagerialRequest), director.LastEngagement);
        Assert.Equal(
            [
                (PaperSites.KilifiLeadResearcher, true, MemberRole.Researcher),
                (PaperSites.KilifiDirector, true, PaperSites.CountyDirector),
                (PaperSites.KilifiSubCountyManager, false, PaperSites.SubCountyManager),
            ],
            board.Members.Select(m => (m.Member, m.IsCore, Assert.Single(m.Roles))));
        var manager = Assert.Single(board.CoreManagers);
        Assert.Equal(
            new CoreManagerEngagement(PaperSites.KilifiDirector, "County health director", "County health director", [PaperSites.CountyDirector], new LocalDate(2018, 11, 20), EngagementKind.ManagerialRequest, 56),
            manager);
        Assert.Equal(app.Positions[AggregateRepository<LearningSite>.StreamOf(PaperSites.KilifiId).Value], board.Entry.Position);
        Assert.Null(await app.Board.GetAsync(new SiteId("nowhere"), Token));
    }

    [Fact]
    public async Task Roles_held_today_follow_the_clock_past_joins_and_leaves_recorded_ahead()
    {
        using var app = await SitesAsync();
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.LeaveRole(PaperSites.KilifiSubCountyManager, PaperSites.SubCountyManager, new LocalDate(2019, 1, 20), ctx.Stamp));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.MarkCore(PaperSites.KilifiSubCountyManager, ctx.Stamp));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.AddMember(NewFacilityManager, "Facility manager (Kilifi)", ctx.Stamp));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.JoinRole(NewFacilityManager, PaperSites.FacilityManager, new LocalDate(2019, 1, 18), ctx.Stamp));

        var before = await app.Board.GetAsync(PaperSites.KilifiId, Token);
        clock.AdvanceDays(6);
        var after = await app.Board.GetAsync(PaperSites.KilifiId, Token);

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(
            [PaperSites.KilifiLeadResearcher, PaperSites.KilifiDirector, PaperSites.KilifiSubCountyManager],
            before.Members.Select(m => m.Member));
        Assert.Equal([(PaperSites.KilifiSubCountyManager, (int?)null), (PaperSites.KilifiDirector, 56)], before.CoreManagers.Select(m => (m.Member, m.DaysSince)));
        Assert.Equal(new LocalDate(2019, 1, 21), after.Today);
        Assert.Equal([PaperSites.KilifiLeadResearcher, PaperSites.KilifiDirector, NewFacilityManager], after.Members.Select(m => m.Member));
        Assert.Equal([(PaperSites.KilifiDirector, (int?)62)], after.CoreManagers.Select(m => (m.Member, m.DaysSince)));
    }

    [Fact]
    public async Task The_sites_are_listed_a_page_at_a_time()
    {
        using var app = await SitesAsync();

        var first = await app.Board.ListAsync(limit: 2, cancellationToken: Token);
        var second = await app.Board.ListAsync(first.Next, 2, Token);

        Assert.Equal([PaperSites.KilifiId, PaperSites.MitchellsPlainId], first.Items.Select(s => s.Site));
        Assert.NotNull(first.Next);
        Assert.Equal([PaperSites.SedibengId], second.Items.Select(s => s.Site));
        Assert.Null(second.Next);
        Assert.Equal(["Kilifi County", "Mitchell's Plain", "Sedibeng"], first.Items.Concat(second.Items).Select(s => s.Name));
    }

    [Fact]
    public async Task Core_managers_not_engaged_since_a_date_are_listed_never_engaged_first_then_by_last_engagement()
    {
        using var app = await SitesAsync();

        var sinceNewYear = await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 12, 31), cancellationToken: Token);
        var sinceOctober = await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 10, 31), cancellationToken: Token);
        var first = await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 12, 31), limit: 2, cancellationToken: Token);
        var second = await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 12, 31), first.Next, 2, Token);
        var third = await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 12, 31), second.Next, 2, Token);

        // Sedibeng's first district manager is core but left the manager role in 2015: not a core manager today.
        Assert.Equal(
            [
                (PaperSites.SedibengId, PaperSites.SedibengSecondDistrictManager, (LocalDate?)null),
                (PaperSites.MitchellsPlainId, PaperSites.MitchellsPlainSubDistrictManager, new LocalDate(2018, 10, 5)),
                (PaperSites.KilifiId, PaperSites.KilifiDirector, new LocalDate(2018, 11, 20)),
            ],
            sinceNewYear.Items.Select(m => (m.Site, m.Manager.Member, m.Manager.LastEngaged)));
        Assert.Equal("Africa/Johannesburg", sinceNewYear.Items[0].TimeZoneId);
        Assert.Equal([PaperSites.SedibengSecondDistrictManager, PaperSites.MitchellsPlainSubDistrictManager], sinceOctober.Items.Select(m => m.Manager.Member));
        Assert.Equal([PaperSites.SedibengSecondDistrictManager], first.Items.Select(m => m.Manager.Member));
        Assert.Equal([PaperSites.MitchellsPlainSubDistrictManager, PaperSites.KilifiDirector], second.Items.Select(m => m.Manager.Member));
        Assert.Empty(third.Items);
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task An_engagement_moves_a_manager_off_the_not_engaged_list()
    {
        using var app = await SitesAsync();
        await app.SiteAsync(PaperSites.SedibengId, (s, ctx) => s.RecordEngagement(
            PaperSites.SedibengSecondDistrictManager, new Engagement(new LocalDate(2019, 1, 10), EngagementKind.Workshop), ctx.Stamp));

        var managers = await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 12, 31), cancellationToken: Token);
        var board = await app.Board.GetAsync(PaperSites.SedibengId, Token);

        Assert.Equal([PaperSites.MitchellsPlainSubDistrictManager, PaperSites.KilifiDirector], managers.Items.Select(m => m.Manager.Member));
        Assert.NotNull(board);
        Assert.Equal((new LocalDate(2019, 1, 10), 5), (board.CoreManagers.Single().LastEngaged, board.CoreManagers.Single().DaysSince));
    }

    [Fact]
    public async Task The_sweep_reminds_about_the_managers_the_board_lists_as_not_engaged_for_the_policy_s_days()
    {
        using var app = await SitesAsync();
        var sweep = app.Provider.GetRequiredService<SweepService>();

        clock.Reset(Instant.FromUtc(2019, 2, 17, 6, 0));
        var february = await sweep.RunOnceAsync(Token);
        clock.Reset(Instant.FromUtc(2019, 3, 1, 6, 0));
        var march = await sweep.RunOnceAsync(Token);

        Assert.Equal(
            ["member-not-engaged/mitchells-plain/mp-subdistrict-manager/2018-10-05"],
            february.Due.Where(r => r.Kind == ReminderKind.MemberNotEngaged).Select(r => r.Id));
        var reminders = march.Due.Where(r => r.Kind == ReminderKind.MemberNotEngaged).ToList();
        Assert.Equal(
            ["member-not-engaged/mitchells-plain/mp-subdistrict-manager/2018-10-05", "member-not-engaged/kilifi/ke-health-director/2018-11-20"],
            reminders.Select(r => r.Id));
        Assert.Equal(
            "County health director has not been engaged since 2018-11-20 (101 days): invite them to the next reflection or workshop.",
            reminders[1].Text);
    }

    [Fact]
    public async Task A_site_that_chose_pseudonyms_is_reminded_of_its_managers_by_pseudonym_and_its_roster_never_prints_a_display_name()
    {
        using var app = await SitesAsync();
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.ChooseMemberNaming(MemberNaming.Pseudonyms, ctx.Stamp));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.AddMember(NewFacilityManager, "Amina Chengo", ctx.Stamp));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.JoinRole(NewFacilityManager, PaperSites.SubCountyManager, new LocalDate(2019, 1, 15), ctx.Stamp));
        var sweep = app.Provider.GetRequiredService<SweepService>();

        clock.Reset(Instant.FromUtc(2019, 3, 1, 6, 0));
        var march = await sweep.RunOnceAsync(Token);
        var board = await app.Board.GetAsync(PaperSites.KilifiId, Token);

        var kilifi = march.Due.Single(r => r.Id == "member-not-engaged/kilifi/ke-health-director/2018-11-20");
        Assert.Equal("M1 has not been engaged since 2018-11-20 (101 days): invite them to the next reflection or workshop.", kilifi.Text);
        Assert.Equal(MemberNaming.Pseudonyms, board!.Entry.MemberNaming);
        Assert.Equal("ke-facility-manager", board.Members.Single(m => m.Member == NewFacilityManager).NameForReports);   // no pseudonym: the id, not "Amina Chengo"
        Assert.StartsWith(
            "Sub-district manager has not been engaged since 2018-10-05",
            march.Due.Single(r => r.Id.StartsWith("member-not-engaged/mitchells-plain/", StringComparison.Ordinal)).Text,
            StringComparison.Ordinal);   // other sites keep display names

        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.ChooseMemberNaming(MemberNaming.DisplayNames, ctx.Stamp));
        var refused = await Assert.ThrowsAsync<CommandRejectedException>(() => app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.ChooseMemberNaming(MemberNaming.DisplayNames, ctx.Stamp)));
        Assert.Contains("names its members by display names already", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erased_member_stays_on_the_board_marked_erased_under_the_marker()
    {
        using var app = await SitesAsync();
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.EraseMember(PaperSites.KilifiSubCountyManager, "the member", "Kenya Data Protection Act 2019, s. 40", ctx.Stamp));

        var board = await app.Board.GetAsync(PaperSites.KilifiId, Token);

        Assert.NotNull(board);
        Assert.Equal(
            [(PaperSites.KilifiLeadResearcher, false), (PaperSites.KilifiDirector, false), (PaperSites.KilifiSubCountyManager, true), (PaperSites.KilifiResearcher, false)],
            board.Entry.Members.Select(m => (m.Member, m.IsErased)));
        var erased = board.Entry.Members.Single(m => m.IsErased);
        Assert.Equal(CoProduction.Privacy.PersonalData.ErasedMarker, erased.DisplayName);
        Assert.Equal([PaperSites.SubCountyManager], board.Members.Single(m => m.Member == PaperSites.KilifiSubCountyManager).Roles);   // still holds the role today
    }

    [Fact]
    public async Task Bad_arguments_are_refused()
    {
        using var app = await SitesAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () => await app.Board.GetAsync(default, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await app.Board.ListAsync(limit: 10_001, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await app.Board.CoreManagersNotEngagedSinceAsync(new LocalDate(2019, 1, 1), limit: 0, cancellationToken: Token));
    }

    private async Task<ReadModelApp> SitesAsync()
    {
        var app = ReadModelApp.Create(sqlite, clock, o => o.DefaultTimeZone = "Africa/Nairobi");
        foreach (var site in new[] { PaperSites.Kilifi(), PaperSites.MitchellsPlain(), PaperSites.Sedibeng() })
        {
            await app.CreateSiteAsync(site);
        }

        return app;
    }
}

public sealed class InMemorySiteBoardTests() : SiteBoardTests(sqlite: false);

public sealed class SqliteSiteBoardTests() : SiteBoardTests(sqlite: true);
