using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CoProduction.Events;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Benchmarks;

/// <summary>
/// (5) A site with a long history: 16,000 engagements over a team of four. The fold appends each
/// engagement in amortised O(1), so the replay is linear (issue 13's budget: under 5 ms).
/// </summary>
[MemoryDiagnoser]
public class SiteReplayBenchmarks
{
    /// <summary>Engagements in the long site history.</summary>
    public const int Engagements = 16_000;

    private IReadOnlyList<IDomainEvent> history = [];
    private StreamId stream;

    [GlobalSetup]
    public void Setup()
    {
        var stamp = new Stamp(Instant.FromUtc(2016, 3, 1, 6, 0), Actor.Named("kilifi-coordinator"));
        var site = LearningSite.Register(
            new SiteRegistration(new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, DateTimeZoneProviders.Tzdb["Africa/Nairobi"])
            {
                Level = SiteLevel.County,
                EngagedSinceYear = 2000,
            },
            stamp);
        MemberId[] team = [new("amina"), new("peter"), new("thandi"), new("mwangi")];
        foreach (var member in team)
        {
            site.AddMember(member, "Member " + member, stamp);
            site.JoinRole(member, MemberRole.Researcher, new LocalDate(2012, 1, 1), stamp);
        }

        for (var i = 0; i < Engagements; i++)
        {
            site.RecordEngagement(team[i % team.Length], new Engagement(new LocalDate(2012, 1, 1).PlusDays(i / 4), EngagementKind.Meeting), stamp);
        }

        history = [.. site.History];
        stream = site.StreamId;
    }

    /// <summary>(5) Rehydrating a site with 16,000 engagements, per run.</summary>
    [Benchmark]
    public long Library_replay_site_with_16000_engagements() => LearningSite.Rehydrate(stream, history).Version;
}
