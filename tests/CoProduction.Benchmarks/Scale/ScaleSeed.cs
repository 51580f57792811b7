using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Benchmarks.Library;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Benchmarks.Scale;

/// <summary>
/// The programme the scale benchmark seeds: N protocols over N/2 sites (two protocols per site, approved on dates
/// spread over the year before "now", so some end within 60 days), one site roster (a researcher and a county
/// manager), one cycle per site in Planning with an endorsed data-collecting activity (ready for StartActing), and
/// one monthly meeting series per site. Written through the public <see cref="IAggregateCommands{TAggregate}"/>
/// as an app would create them; the cycles are built with rules that answer from these same facts, so the
/// seeding does not pay the per-command cost being measured.
/// </summary>
internal static class ScaleSeed
{
    /// <summary>The clock's now for the whole benchmark: 15 February 2016, 09:00 in Nairobi.</summary>
    public static readonly Instant Now = BenchSite.On(2, 15);

    public static readonly CommitteeId Committee = new("kemri-seru");
    public static readonly DateTimeZone Zone = BenchSite.Zone;
    private static readonly Actor Office = Actor.Named("ethics-office");

    public static SiteId Site(int i) => new("site-" + i.ToString("D5", CultureInfo.InvariantCulture));

    public static CycleId CycleOf(int site) => new(Site(site).Value + "-c1");

    public static int Sites(int protocols) => Math.Max(1, protocols / 2);

    /// <summary>Creates every aggregate of a programme with <paramref name="protocols"/> protocols.</summary>
    public static async Task SeedAsync(IServiceProvider services, int protocols, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        var ethics = scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>();
        var cycles = scope.ServiceProvider.GetRequiredService<IAggregateCommands<Cycle>>();
        var series = scope.ServiceProvider.GetRequiredService<IAggregateCommands<MeetingSeries>>();
        var siteCount = Sites(protocols);
        var known = new HashSet<SiteId>();
        for (var i = 0; i < siteCount; i++)
        {
            known.Add(Site(i));
        }

        var rules = new ProtocolRules(known, new Dictionary<CommitteeId, CommitteePolicy> { [Committee] = CommitteePolicies.KenyaNationalCommittee });
        var cycleRules = new CycleRules(new SeedGate(), new SeedRoster(), DateTimeZoneProviders.Tzdb);
        for (var i = 0; i < siteCount; i++)
        {
            var site = Site(i);
            await sites.CreateAsync(_ => Register(site), cancellationToken: cancellationToken).ConfigureAwait(false);
            await cycles.CreateAsync(_ => ReadyToAct(site, cycleRules), cancellationToken: cancellationToken).ConfigureAwait(false);
            await series.CreateAsync(_ => Meetings(site), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        for (var p = 0; p < protocols; p++)
        {
            var number = p;
            await ethics.CreateAsync(_ => Approved(number, Site(number % siteCount), rules), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static LearningSite Register(SiteId id)
    {
        var stamp = new Stamp(BenchSite.On(1, 4), BenchSite.By);
        var site = LearningSite.Register(new SiteRegistration(id, "Site " + id.Value, CountryCode.Kenya, Zone) { Level = SiteLevel.County, EngagedSinceYear = 2012 }, stamp);
        site.AddMember(BenchSite.Researcher, "Researcher", stamp);
        site.JoinRole(BenchSite.Researcher, MemberRole.Researcher, new LocalDate(2012, 1, 1), stamp);
        site.AddMember(BenchSite.Manager, "County manager", stamp);
        site.JoinRole(BenchSite.Manager, MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2012, 1, 1), stamp);
        return site;
    }

    private static Cycle ReadyToAct(SiteId site, CycleRules rules)
    {
        var cycle = Cycle.Start(new CycleOpening(new CycleId(site.Value + "-c1"), site, 1, "User fees after devolution"), rules.At(new Stamp(BenchSite.On(1, 11), BenchSite.By)));
        cycle.PlanActivity(BenchSite.InterviewActivity, rules.At(new Stamp(BenchSite.On(1, 20), BenchSite.By)));
        cycle.EndorsePlan(BenchSite.Researcher, rules.At(new Stamp(BenchSite.On(2, 1), BenchSite.By)));
        cycle.EndorsePlan(BenchSite.Manager, rules.At(new Stamp(BenchSite.On(2, 1), Actor.Member(BenchSite.Manager))));
        return cycle;
    }

    private static MeetingSeries Meetings(SiteId site) => MeetingSeries.Plan(
        new MeetingSeriesPlan(
            new SeriesId(site.Value + "-reflection"),
            MeetingKind.ResearcherReflection,
            "Researchers' reflection",
            site,
            Zone,
            new LocalTime(10, 0),
            Duration.FromHours(2),
            new LocalDate(2016, 1, 1),
            new LocalDate(2016, 12, 31),
            [BenchSite.Researcher],
            Cadence.Monthly(10)),
        new Stamp(BenchSite.On(1, 4), BenchSite.By));

    /// <summary>Approved on a date spread over the year before now: its one-year approval ends within the next year.</summary>
    private static Protocol Approved(int number, SiteId site, ProtocolRules rules)
    {
        var scope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [site]);
        var draft = new ProtocolDraft(new ProtocolId("P-" + number.ToString("D5", CultureInfo.InvariantCulture)), "Governance in a county health system", Committee, scope)
        {
            Institution = "KEMRI-Wellcome Trust",
        };
        var from = new LocalDate(2015, 2, 20).PlusDays((number * 37) % 360);
        var at = from.AtStartOfDayInZone(Zone).ToInstant();
        var protocol = Protocol.Draft(draft, new ProtocolContext(new Stamp(at - Duration.FromDays(30), BenchSite.By), rules));
        protocol.Submit(new Stamp(at - Duration.FromDays(29), BenchSite.By));
        protocol.StartReview(new Stamp(at - Duration.FromDays(28), Office));
        protocol.Approve(from, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(from), new Stamp(at, Office));
        return protocol;
    }

    /// <summary>Only for building the seeded cycles: every activity is covered (the stored protocols cover it too).</summary>
    private sealed class SeedGate : IEthicsGate
    {
        public EthicsGateDecision Check(ResearchActivity activity)
            => EthicsGateDecision.Covered(activity, new ProtocolId("P-00000"), 1);
    }

    /// <summary>Only for building the seeded cycles: the roster every seeded site has.</summary>
    private sealed class SeedRoster : ITeamRoster
    {
        private static readonly IReadOnlyList<MemberRole> None = [];
        private static readonly IReadOnlyList<MemberRole> Researcher = [MemberRole.Researcher];
        private static readonly IReadOnlyList<MemberRole> Manager = [MemberRole.Manager(ManagementLevel.County, Seniority.Senior)];

        public bool IsMember(SiteId site, MemberId member) => member == BenchSite.Researcher || member == BenchSite.Manager;

        public string? TimeZoneIdOf(SiteId site) => Zone.Id;

        public IReadOnlyList<MemberRole> RolesOn(SiteId site, MemberId member, LocalDate date)
            => member == BenchSite.Researcher ? Researcher : member == BenchSite.Manager ? Manager : None;
    }
}
