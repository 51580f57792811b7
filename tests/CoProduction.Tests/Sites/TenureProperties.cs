using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Sites;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CoProduction.Tests.Sites;

public sealed class TenureProperties
{
    private const int Days = 40;
    private static readonly LocalDate Day0 = new(2015, 1, 1);
    private static readonly MemberId[] Members = [new("m0"), new("m1"), new("m2")];
    private static readonly MemberRole[] Roles = [MemberRole.Researcher, PaperSites.FacilityManager];

    public enum Kind
    {
        Add,
        Join,
        Leave,
        MarkCore,
        ClearCore,
        Engage,
    }

    public sealed record Command(Kind Kind, int Member, int Role, int Day)
    {
        public override string ToString() => $"{Kind}(m{Member}, r{Role}, d{Day})";
    }

    private static readonly Gen<Command> CommandGen =
        from kind in Gen.Frequency((1, Gen.Constant(Kind.Add)), (4, Gen.Constant(Kind.Join)), (4, Gen.Constant(Kind.Leave)), (1, Gen.Elements(Kind.MarkCore, Kind.ClearCore, Kind.Engage)))
        from member in Gen.Choose(0, Members.Length - 1)
        from role in Gen.Choose(0, Roles.Length - 1)
        from day in Gen.Choose(0, Days - 1)
        select new Command(kind, member, role, day);

    private static LearningSite NewSite(string zoneId = "Africa/Nairobi")
        => LearningSite.Register(
            new SiteRegistration(new SiteId("prop"), "Property site", CountryCode.Kenya, PaperSites.Zones[zoneId]) { Level = SiteLevel.County, EngagedSinceYear = 2015 },
            PaperSites.Stamp);

    private static void Execute(LearningSite site, Command c)
    {
        var member = Members[c.Member];
        var role = Roles[c.Role];
        var on = Day0.PlusDays(c.Day);
        var stamp = PaperSites.Stamp;
        switch (c.Kind)
        {
            case Kind.Add: site.AddMember(member, "Member " + c.Member, stamp); break;
            case Kind.Join: site.JoinRole(member, role, on, stamp); break;
            case Kind.Leave: site.LeaveRole(member, role, on, stamp); break;
            case Kind.MarkCore: site.MarkCore(member, stamp); break;
            case Kind.ClearCore: site.ClearCore(member, stamp); break;
            default: site.RecordEngagement(member, new Engagement(on, EngagementKind.Meeting), stamp); break;
        }
    }

    /// <summary>Runs the commands; a rejected one must leave state, version and pending events exactly as they were.</summary>
    private static bool RunAll(LearningSite site, IEnumerable<Command> commands)
    {
        foreach (var c in commands)
        {
            var state = site.State;
            var version = site.Version;
            try
            {
                Execute(site, c);
                if (site.Version != version + 1)
                {
                    return false;
                }
            }
            catch (CommandRejectedException)
            {
                if (!ReferenceEquals(state, site.State) || site.Version != version || site.UncommittedEvents.Count != version)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool NoOverlap(LearningSiteState state)
    {
        foreach (var member in state.Members)
        {
            foreach (var group in member.Tenures.GroupBy(t => t.Role))
            {
                var periods = group.OrderBy(t => t.Joined).ToList();
                for (var i = 0; i < periods.Count; i++)
                {
                    var p = periods[i];
                    if (p.Left is { } left && left < p.Joined)
                    {
                        return false;
                    }

                    if (i + 1 < periods.Count && (p.Left is not { } end || periods[i + 1].Joined <= end))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>The roles held on a date, computed only from the accepted join and leave events, in order.</summary>
    private static HashSet<MemberRole> ModelRolesOn(LearningSite site, MemberId member, LocalDate date)
    {
        var held = new HashSet<MemberRole>();
        var joined = new Dictionary<MemberRole, LocalDate>();
        foreach (var e in site.History)
        {
            switch (e)
            {
                case MemberJoinedRole j when j.Member == member:
                    joined[j.Role] = j.On;
                    break;
                case MemberLeftRole l when l.Member == member:
                    if (joined.Remove(l.Role, out var from) && from <= date && date <= l.On)
                    {
                        held.Add(l.Role);
                    }

                    break;
            }
        }

        foreach (var (role, from) in joined)
        {
            if (from <= date)
            {
                held.Add(role);
            }
        }

        return held;
    }

    [Property(MaxTest = 1000)]
    public Property Tenure_periods_never_overlap_and_rejected_commands_change_nothing()
        => Prop.ForAll(CommandGen.ListOf().ToArbitrary(), commands =>
        {
            var site = NewSite();
            return RunAll(site, commands)
                && NoOverlap(site.State)
                && LearningSite.Rehydrate(site.StreamId, site.History.ToArray()).State == site.State;
        });

    [Property(MaxTest = 1000)]
    public Property Active_on_a_date_agrees_with_the_joins_and_leaves_recorded()
        => Prop.ForAll(CommandGen.ListOf().ToArbitrary(), commands =>
        {
            var site = NewSite();
            _ = RunAll(site, commands);
            var roster = TeamRoster.Of(site.State);
            for (var d = -1; d <= Days; d++)
            {
                var date = Day0.PlusDays(d);
                var active = roster.ActiveOn(site.Id, date).ToDictionary(a => a.Member);
                foreach (var member in Members)
                {
                    var expected = ModelRolesOn(site, member, date);
                    var roles = roster.RolesOn(site.Id, member, date);
                    if (!expected.SetEquals(roles) || roles.Count != expected.Count)
                    {
                        return false;
                    }

                    if (active.ContainsKey(member) != (expected.Count > 0)
                        || (active.TryGetValue(member, out var a) && !expected.SetEquals(a.Roles)))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    private static readonly string[] ZoneIds = [.. DateTimeZoneProviders.Tzdb.Ids];

    private static readonly Gen<(string Zone, Instant Join, Instant Leave, Instant Probe)> ZonedInstants =
        from zone in Gen.Elements(ZoneIds)
        from joinHour in Gen.Choose(0, 400 * 24)
        from stayHours in Gen.Choose(-48, 200 * 24)
        from probeHour in Gen.Choose(-48, 700 * 24)
        let start = Instant.FromUtc(2015, 3, 1, 0, 0)
        select (zone, start + Duration.FromHours(joinHour), start + Duration.FromHours(joinHour + stayHours), start + Duration.FromHours(probeHour));

    [Property(MaxTest = 1000)]
    public Property Roles_at_an_instant_depend_only_on_the_site_zone_not_the_machine_zone()
        => Prop.ForAll(ZonedInstants.ToArbitrary(), t =>
        {
            var zone = DateTimeZoneProviders.Tzdb[t.Zone];
            var site = NewSite(t.Zone);
            var member = Members[0];
            site.AddMember(member, "Member", PaperSites.Stamp);

            var joined = site.State.DateAt(t.Join, PaperSites.Zones);
            var left = site.State.DateAt(t.Leave, PaperSites.Zones);
            site.JoinRole(member, MemberRole.Researcher, joined, PaperSites.Stamp);
            var leaveAccepted = true;
            try
            {
                site.LeaveRole(member, MemberRole.Researcher, left, PaperSites.Stamp);
            }
            catch (CommandRejectedException)
            {
                leaveAccepted = false;
            }

            var roster = TeamRoster.Of(site.State);
            var date = roster.DateAt(site.Id, t.Probe, PaperSites.Zones);

            // The model uses only the site's zone, the way an app in that site would read its calendar.
            var zJoined = t.Join.InZone(zone).Date;
            var zLeft = t.Leave.InZone(zone).Date;
            var zProbe = t.Probe.InZone(zone).Date;
            var expected = zJoined <= zProbe && (!leaveAccepted || zProbe <= zLeft);
            return date == zProbe
                && leaveAccepted == (zLeft >= zJoined)
                && (roster.RolesOn(site.Id, member, date).Count == 1) == expected;
        });

    [Property(MaxTest = 1000)]
    public Property The_same_dated_history_answers_the_same_in_any_two_zones()
        => Prop.ForAll(
            (from commands in CommandGen.ListOf()
             from a in Gen.Elements(ZoneIds)
             from b in Gen.Elements(ZoneIds)
             select (commands, a, b)).ToArbitrary(),
            t =>
            {
                var first = NewSite(t.a);
                var second = NewSite(t.b);
                _ = RunAll(first, t.commands);
                _ = RunAll(second, t.commands);
                return (first.State.TimeZoneId, second.State.TimeZoneId) == (t.a, t.b)
                    && first.State.Members == second.State.Members
                    && first.State.PartnerInstitutions == second.State.PartnerInstitutions
                    && TeamRoster.Of(first.State).TurnoverIn(first.Id, 2015) == TeamRoster.Of(second.State).TurnoverIn(second.Id, 2015);
            });
}
