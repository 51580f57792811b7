using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Access;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>
/// Enforces the registered <see cref="IAccessPolicy"/> on every command the command layer records: after a command is
/// decided and before anything is written, each command it decided (its triggers, and its creation) is put to the policy
/// with what the aggregate addresses and the rosters as the store knows them; a denial throws <see cref="AccessDeniedException"/>,
/// is counted and logged, and nothing is written.
/// </summary>
internal sealed class AccessGuard
{
    private readonly AggregateSource aggregates;
    private readonly IDateTimeZoneProvider zones;
    private readonly IAccessPolicy policy;
    private readonly ITeamRoster? roster;
    private readonly CommitteeRoster committees;
    private readonly IReadOnlyList<ProgrammeRoleHolder> programmeRoles;
    private readonly IReadOnlyList<Actor> administrators;
    private readonly IReadOnlyList<EndorsementDelegate> delegates;
    private readonly ILogger? logger;

    public AccessGuard(IServiceProvider services, AggregateSource aggregates, IDateTimeZoneProvider zones, IAccessPolicy policy, ILogger<AccessGuard>? logger = null)
    {
        this.aggregates = aggregates;
        this.zones = zones;
        this.policy = policy;
        this.logger = logger;
        roster = services.GetService<ITeamRoster>();
        committees = new CommitteeRoster(services.GetServices<CommitteeReviewerRegistration>().Select(r => r.Reviewer));
        programmeRoles = [.. services.GetServices<ProgrammeRoleRegistration>().Select(r => r.Holder)];
        administrators = [.. services.GetServices<AdministratorRegistration>().Select(r => r.Administrator)];
        delegates = [.. services.GetServices<EndorsementDelegateRegistration>().Select(r => r.Delegate)];
    }

    /// <summary>The actor of a command: the one given, else the current actor; refuses a command that names no one.</summary>
    /// <exception cref="AccessDeniedException">Neither names an actor; nothing is decided or written.</exception>
    public static Actor RequireActor(Actor? given, ICurrentActor current, string target)
    {
        var actor = given ?? current.Current;
        if (actor.IsDefault)
        {
            CoProductionTelemetry.Denied.Add(1, new KeyValuePair<string, object?>("coproduction.permission", "none"));
            throw new AccessDeniedException(
                default,
                null,
                target,
                "the command names no actor and the registered ICurrentActor names no one",
                "any actor the access policy allows: pass the actor to the call, or register who is signed in with builder.UseCurrentActor<T>()");
        }

        return actor;
    }

    /// <summary>Puts every command an aggregate decided since its last save to the policy.</summary>
    /// <param name="aggregate">The aggregate, with its decided commands not yet saved.</param>
    /// <param name="actor">Who gives them.</param>
    /// <param name="at">When.</param>
    /// <param name="others">The other aggregates of the same step (a protocol loaded with its amendment), read before the store.</param>
    /// <param name="cancellationToken">Cancels the loading of the rosters.</param>
    /// <exception cref="AccessDeniedException">The policy denies one of them; nothing is written.</exception>
    public async ValueTask CheckAsync(IEventSourcedAggregate aggregate, Actor actor, Instant at, IReadOnlyList<IEventSourcedAggregate> others, CancellationToken cancellationToken)
    {
        if (aggregate.UncommittedEvents.Count == 0 || aggregate is not IDecidedCommands decided)
        {
            // Nothing to record, or an aggregate of the app's own (not the library's): the app decides who may give it.
            return;
        }

        var permissions = new List<Permission>(decided.Decided.Count + 1);
        if (decided.Created)
        {
            permissions.Add(Permission.ForCreation(Category(aggregate)));
        }

        foreach (var trigger in decided.Decided)
        {
            permissions.Add(Permission.For(trigger));
        }

        var target = await TargetAsync(aggregate, others, cancellationToken).ConfigureAwait(false);
        var facts = await FactsAsync(target, cancellationToken).ConfigureAwait(false);

        // Each actor the history will name is put to the policy, with the command's actor when another stamped an event.
        var recorded = new List<Actor>(1);
        foreach (var e in aggregate.UncommittedEvents)
        {
            if (!recorded.Contains(e.By))
            {
                recorded.Add(e.By);
            }
        }

        foreach (var by in recorded)
        {
            foreach (var permission in permissions)
            {
                Decide(new AccessRequest(by, permission, target, at) { GivenBy = by == actor ? null : actor }, facts);
            }
        }
    }

    private void Decide(AccessRequest request, AccessFacts facts)
    {
        var decision = policy.Decide(request, facts);
        if (decision.IsAllowed)
        {
            return;
        }

        var (actor, permission) = (request.GivenBy ?? request.Actor, request.Permission);
        CoProductionTelemetry.Denied.Add(
            1,
            new KeyValuePair<string, object?>("coproduction.aggregate", permission.Aggregate),
            new KeyValuePair<string, object?>("coproduction.permission", permission.Name),
            new KeyValuePair<string, object?>("coproduction.rule", permission.Rule.ToString()));
        if (logger is not null)
        {
            Log.AccessDenied(logger, actor.ToString(), permission.Name, request.Target.Aggregate, decision.Reason);
        }

        throw new AccessDeniedException(actor, permission, request.Target.Aggregate, decision.Reason, decision.AllowedRoles);
    }

    /// <summary>The roles an actor held on a day, for the audit trail: at the sites, on the programme, for the protocol.</summary>
    /// <param name="actor">The actor.</param>
    /// <param name="sites">The sites the event concerns.</param>
    /// <param name="at">When it was recorded.</param>
    /// <param name="protocol">The protocol it concerns, if any.</param>
    /// <param name="cancellationToken">Cancels the loading of the rosters.</param>
    /// <returns>The roles as a phrase, or <c>no role on record</c>.</returns>
    public async ValueTask<string> DescribeRoleAsync(Actor actor, ValueList<SiteId> sites, Instant at, ProtocolId? protocol, CancellationToken cancellationToken)
    {
        if (actor.IsSystem)
        {
            return "the system (the library's own sweeps)";
        }

        var parts = new List<string>();
        var target = new AccessTarget("audit", sites);
        var facts = await FactsAsync(target, cancellationToken).ConfigureAwait(false);
        if (actor.MemberId is { } member)
        {
            foreach (var site in sites)
            {
                var date = facts.DateAt(site, at);
                foreach (var role in facts.Sites.RolesOn(site, member, date))
                {
                    var kind = role.Kind.ToString().ToLowerInvariant();
                    parts.Add(role.Kind == RoleKind.Manager ? $"{kind} ({role.Level}, {role.Seniority}) at '{site}'" : $"{kind} at '{site}'");
                }

                foreach (var holder in facts.Programmes.RolesOver(member, site, date))
                {
                    parts.Add($"{holder.Role} of programme '{holder.Programme}'");
                }
            }
        }

        if (protocol is { } id && await aggregates.Of<Protocol>().CurrentAsync(AggregateRepository<Protocol>.StreamOf(id), cancellationToken).ConfigureAwait(false) is { } stored)
        {
            if (stored.History[0].By == actor)
            {
                parts.Add($"principal investigator of '{id}'");
            }

            var date = sites.Count > 0 ? facts.DateAt(sites[0], at) : at.InUtc().Date;
            if (committees.IsReviewer(stored.State.Committee, actor, date))
            {
                parts.Add($"reviewer of committee '{stored.State.Committee}'");
            }
        }

        if (administrators.Contains(actor))
        {
            parts.Add("administrator");
        }

        return parts.Count == 0 ? "no role on record" : string.Join("; ", parts.Distinct());
    }

    private static string Category(IEventSourcedAggregate aggregate) => aggregate switch
    {
        Cycle => Cycle.StreamCategory,
        Protocol => Protocol.StreamCategory,
        Amendment => Amendment.StreamCategory,
        LearningSite => LearningSite.StreamCategory,
        Programme => Programme.StreamCategory,
        MeetingSeries => MeetingSeries.StreamCategory,
        ProtocolDeviation => ProtocolDeviation.StreamCategory,
        EthicalDilemma => EthicalDilemma.StreamCategory,
        Insight => Insight.StreamCategory,
        Impact => Impact.StreamCategory,
        Output => Output.StreamCategory,
        WiderEngagement => WiderEngagement.StreamCategory,
        _ => aggregate.StreamId.Value,
    };

    private async ValueTask<AccessTarget> TargetAsync(IEventSourcedAggregate aggregate, IReadOnlyList<IEventSourcedAggregate> others, CancellationToken cancellationToken)
    {
        var name = $"{Category(aggregate)} '{aggregate.StreamId.Value[(Category(aggregate).Length + 1)..]}'";
        switch (aggregate)
        {
            case Cycle cycle:
                return new AccessTarget(name, [cycle.State.Site])
                {
                    Endorser = cycle.UncommittedEvents.OfType<PlanEndorsed>().LastOrDefault()?.Endorsement.Member,
                };
            case Protocol protocol:
                return OfProtocol(name, protocol);
            case Amendment amendment:
                return OfProtocol(name, await ProtocolAsync(amendment.State.Protocol, others, cancellationToken).ConfigureAwait(false));
            case ProtocolDeviation deviation:
                return OfProtocol(name, await ProtocolAsync(deviation.State.Protocol, others, cancellationToken).ConfigureAwait(false));
            case LearningSite site:
                return new AccessTarget(name, [site.State.Id]);
            case Programme programme:
                return new AccessTarget(name, programme.State.Sites) { Programme = programme.State.Id };
            case MeetingSeries series:
                return new AccessTarget(name, [series.State.Plan.Site]);
            case EthicalDilemma dilemma:
                return new AccessTarget(name, [dilemma.State.Site]);
            case Insight insight:
                return new AccessTarget(name, [insight.State.Site]);
            case Impact impact:
                return new AccessTarget(name, [impact.State.Site]);
            case Output output:
                return new AccessTarget(name, [output.State.Site]);
            case WiderEngagement widerEngagement:
                return new AccessTarget(name, widerEngagement.State.Sites);
            default:
                return new AccessTarget(name, []);
        }
    }

    private static AccessTarget OfProtocol(string name, Protocol? protocol)
        => protocol is null
            ? new AccessTarget(name, [])
            : new AccessTarget(name, protocol.State.CurrentScope.Sites)
            {
                PrincipalInvestigator = protocol.History[0].By,
                Committee = protocol.State.Committee,
            };

    private async ValueTask<Protocol?> ProtocolAsync(ProtocolId id, IReadOnlyList<IEventSourcedAggregate> others, CancellationToken cancellationToken)
    {
        foreach (var other in others)
        {
            if (other is Protocol p && p.Id == id)
            {
                return p;
            }
        }

        return await aggregates.Of<Protocol>().CurrentAsync(AggregateRepository<Protocol>.StreamOf(id), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AccessFacts> FactsAsync(AccessTarget target, CancellationToken cancellationToken)
    {
        var siteRoster = roster;
        if (siteRoster is null)
        {
            var states = new List<LearningSiteState>(target.Sites.Count);
            foreach (var site in target.Sites.Distinct())
            {
                if (await aggregates.Of<LearningSite>().CurrentAsync(AggregateRepository<LearningSite>.StreamOf(site), cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    states.Add(stored.State);
                }
            }

            siteRoster = new TeamRoster(states);
        }

        var programmes = ProgrammeRoster.Empty;
        if (programmeRoles.Count > 0)
        {
            var sites = new List<KeyValuePair<ProgrammeId, IEnumerable<SiteId>>>();
            foreach (var programme in programmeRoles.Select(h => h.Programme).Distinct())
            {
                if (await aggregates.Of<Programme>().CurrentAsync(AggregateRepository<Programme>.StreamOf(programme), cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    sites.Add(new(programme, stored.State.Sites));
                }
            }

            programmes = new ProgrammeRoster(programmeRoles, sites);
        }

        return new AccessFacts(siteRoster, zones, committees, programmes, administrators, delegates);
    }
}
