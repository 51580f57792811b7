using System.Linq;
using CoProduction.Events;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Sites;

/// <summary>A site with a long history: the fold is linear, so 16,000 engagements replay to the same state as recorded.</summary>
public sealed class LongSiteHistoryTests
{
    private const int Engagements = 16_000;

    [Fact]
    public void A_site_with_16000_engagements_replays_to_the_state_it_recorded()
    {
        var site = PaperSites.Kilifi();
        var members = new[] { PaperSites.KilifiLeadResearcher, PaperSites.KilifiDirector, PaperSites.KilifiSubCountyManager, PaperSites.KilifiResearcher };
        var before = members.ToDictionary(m => m, m => site.State.FindMember(m)!.Engagements.Count);
        var first = new LocalDate(2012, 1, 1);
        for (var i = 0; i < Engagements; i++)
        {
            var kind = i % 3 == 0 ? EngagementKind.Reflection : EngagementKind.Meeting;
            site.RecordEngagement(members[i % members.Length], new Engagement(first.PlusDays(i / 4), kind, i % 100 == 0 ? "quarterly reflection" : null), PaperSites.Stamp);
        }

        var replayed = LearningSite.Rehydrate(site.StreamId, site.History);

        Assert.Equal(site.History.Count, replayed.History.Count);
        Assert.Equal(Engagements, replayed.History.OfType<EngagementRecorded>().Count() - before.Values.Sum());
        Assert.Equal(site.State, replayed.State);
        foreach (var member in members)
        {
            var engagements = replayed.State.FindMember(member)!.Engagements;
            Assert.Equal(before[member] + (Engagements / members.Length), engagements.Count);
        }

        var director = replayed.State.FindMember(PaperSites.KilifiDirector)!;
        Assert.Equal(first.PlusDays((Engagements - 1) / 4), director.LastEngagement(new LocalDate(2030, 1, 1))!.On);
        Assert.Equal("quarterly reflection", replayed.State.FindMember(PaperSites.KilifiLeadResearcher)!.Engagements[before[PaperSites.KilifiLeadResearcher]].Note);
        Assert.Equal(EngagementKind.Reflection, replayed.State.FindMember(PaperSites.KilifiLeadResearcher)!.Engagements[before[PaperSites.KilifiLeadResearcher]].Kind);
    }
}
