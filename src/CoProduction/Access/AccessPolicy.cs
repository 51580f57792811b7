using System.Collections.Generic;
using System.Linq;
using CoProduction.Protocols;
using CoProduction.Sites;

namespace CoProduction.Access;

/// <summary>
/// The default access policy, from the paper: a site's researchers and managers work its cycles; an endorsement is made
/// by the endorsing member (or a delegate the app allows); only the protocol's committee reviews, and its principal
/// investigator drafts, submits, amends, renews, withdraws and closes; the system actor only runs the library's sweeps;
/// programme roles act across the programme's sites. Pure: it decides from the request and the facts alone.
/// </summary>
public sealed class AccessPolicy : IAccessPolicy
{
    /// <summary>Gets the default policy.</summary>
    public static AccessPolicy Default { get; } = new();

    /// <inheritdoc/>
    public AccessDecision Decide(AccessRequest request, AccessFacts facts)
    {
        System.ArgumentNullException.ThrowIfNull(request);
        System.ArgumentNullException.ThrowIfNull(facts);
        var actor = request.Actor;
        var rule = request.Permission.Rule;
        if (actor.IsDefault)
        {
            return AccessDecision.Deny("the command names no actor", Describe(rule, request.Target));
        }

        if (request.GivenBy is { } given && given != actor)
        {
            return AccessDecision.Deny(
                $"the command given by {given} records what it decided as done by {actor}: the history names who gave the command",
                "the command's own actor: stamp every event with the command's context (ctx.Stamp, ctx.Context)");
        }

        if (rule == AccessRule.System)
        {
            return actor.IsSystem
                ? AccessDecision.Allow("the system actor runs the library's own sweeps")
                : AccessDecision.Deny($"{actor} is not the system actor: only the library's own sweeps observe this", Describe(rule, request.Target));
        }

        if (actor.IsSystem)
        {
            return AccessDecision.Deny("the system actor is reserved for the library's own sweeps", Describe(rule, request.Target));
        }

        return rule switch
        {
            AccessRule.SiteTeam => Team(request, facts, researchersOnly: false),
            AccessRule.SiteResearcher => Team(request, facts, researchersOnly: true),
            AccessRule.EndorsingMember => Endorser(request, facts),
            AccessRule.PrincipalInvestigator => Investigator(request) ?? AccessDecision.Deny(NotInvestigator(request), Describe(rule, request.Target)),
            AccessRule.Committee => Reviewer(request, facts) ?? AccessDecision.Deny(NotReviewer(request, facts), Describe(rule, request.Target)),
            AccessRule.ProtocolParties => Investigator(request) ?? Reviewer(request, facts)
                ?? AccessDecision.Deny(NotInvestigator(request) + "; " + NotReviewer(request, facts), Describe(rule, request.Target)),
            AccessRule.SiteAdministration => Administrator(request, facts) ?? Team(request, facts, researchersOnly: false),
            AccessRule.Administration => Administrator(request, facts) ?? Lead(request, facts)
                ?? AccessDecision.Deny($"{actor} is not an administrator the app names{(request.Target.Programme is { } p ? $" nor the lead of programme '{p}' on that day" : string.Empty)}", Describe(rule, request.Target)),
            _ => AccessDecision.Deny($"the rule {rule} is unknown to this policy", "no one"),
        };
    }

    /// <summary>Who a rule allows on a target, as a phrase for refusals.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="target">The target.</param>
    /// <returns>The phrase.</returns>
    public static string Describe(AccessRule rule, AccessTarget target)
    {
        System.ArgumentNullException.ThrowIfNull(target);
        var sites = target.Sites.Count == 0 ? "its site" : "site " + string.Join(" or ", target.Sites.Select(s => $"'{s}'"));
        var committee = target.Committee is { } c ? $"committee '{c}'" : "the protocol's committee";
        var investigator = target.PrincipalInvestigator is { } pi ? $"the principal investigator ({pi})" : "the principal investigator";
        return rule switch
        {
            AccessRule.SiteTeam => $"a researcher or manager of {sites} on that day, or a programme lead or cross-site researcher of a programme with the site",
            AccessRule.SiteResearcher => $"a researcher of {sites} on that day, or a programme lead or cross-site researcher of a programme with the site",
            AccessRule.EndorsingMember => target.Endorser is { } m ? $"member '{m}' themselves, or a delegate the app allows for them" : "the endorsing member themselves",
            AccessRule.PrincipalInvestigator => investigator,
            AccessRule.Committee => $"a reviewer of {committee} on that day",
            AccessRule.ProtocolParties => $"{investigator} or a reviewer of {committee} on that day",
            AccessRule.SiteAdministration => $"an administrator the app names, or a researcher or manager of {sites} on that day, or a programme role over the site",
            AccessRule.Administration => target.Programme is { } p ? $"an administrator the app names, or the lead of programme '{p}'" : "an administrator the app names",
            AccessRule.System => "the system actor (the library's own sweeps)",
            _ => "no one",
        };
    }

    private static AccessDecision Team(AccessRequest request, AccessFacts facts, bool researchersOnly)
    {
        var target = request.Target;
        if (request.Actor.MemberId is not { } member)
        {
            return AccessDecision.Deny($"{request.Actor} is not a member of a site's team", Describe(request.Permission.Rule, target));
        }

        if (target.Sites.Count == 0)
        {
            return AccessDecision.Deny($"{target.Aggregate} names no site whose team could act on it", Describe(request.Permission.Rule, target));
        }

        var days = new List<string>(target.Sites.Count);
        foreach (var site in target.Sites)
        {
            var date = facts.DateAt(site, request.At);
            foreach (var role in facts.Sites.RolesOn(site, member, date))
            {
                if (role.Kind == RoleKind.Researcher || (!researchersOnly && role.Kind == RoleKind.Manager))
                {
                    return AccessDecision.Allow($"{request.Actor} is a {role.Kind.ToString().ToLowerInvariant()} of site '{site}' on {date.Iso()}");
                }
            }

            if (facts.Programmes.RolesOver(member, site, date) is [var holder, ..])
            {
                return AccessDecision.Allow($"{request.Actor} is {holder.Role} of programme '{holder.Programme}', which has site '{site}', on {date.Iso()}");
            }

            days.Add($"'{site}' on {date.Iso()}");
        }

        var held = researchersOnly ? "researcher" : "researcher or manager";
        return AccessDecision.Deny(
            $"{request.Actor} holds no {held} role at site {string.Join(" or ", days)} and no programme role over it",
            Describe(request.Permission.Rule, target));
    }

    private static AccessDecision Endorser(AccessRequest request, AccessFacts facts)
    {
        var target = request.Target;
        if (target.Endorser is not { } endorser)
        {
            return AccessDecision.Deny("the command records no endorsement", Describe(AccessRule.EndorsingMember, target));
        }

        if (request.Actor == Actor.Member(endorser))
        {
            return AccessDecision.Allow($"{request.Actor} records their own endorsement");
        }

        foreach (var d in facts.Delegates)
        {
            if (d.Delegate == request.Actor && d.For == endorser)
            {
                return AccessDecision.Allow($"{request.Actor} is a delegate the app allows for member '{endorser}'");
            }
        }

        return AccessDecision.Deny(
            $"{request.Actor} records the endorsement of member '{endorser}', who must make it themselves (the app allows no delegate of theirs with that actor)",
            Describe(AccessRule.EndorsingMember, target));
    }

    private static AccessDecision? Investigator(AccessRequest request)
        => request.Target.PrincipalInvestigator is { } pi && pi == request.Actor
            ? AccessDecision.Allow($"{request.Actor} is the principal investigator of {request.Target.Aggregate}")
            : null;

    private static string NotInvestigator(AccessRequest request)
        => request.Target.PrincipalInvestigator is { } pi
            ? $"{request.Actor} is not the principal investigator, {pi}"
            : $"{request.Target.Aggregate} names no principal investigator";

    private static AccessDecision? Reviewer(AccessRequest request, AccessFacts facts)
    {
        if (request.Target.Committee is not { } committee)
        {
            return null;
        }

        var date = CommitteeDate(request, facts);
        return facts.Committees.IsReviewer(committee, request.Actor, date)
            ? AccessDecision.Allow($"{request.Actor} reviews for committee '{committee}' on {date.Iso()}")
            : null;
    }

    private static string NotReviewer(AccessRequest request, AccessFacts facts)
        => request.Target.Committee is { } committee
            ? $"{request.Actor} is not a reviewer of committee '{committee}' on {CommitteeDate(request, facts).Iso()}"
            : $"{request.Target.Aggregate} names no committee";

    private static NodaTime.LocalDate CommitteeDate(AccessRequest request, AccessFacts facts)
        => request.Target.Sites.Count > 0 ? facts.DateAt(request.Target.Sites[0], request.At) : request.At.InUtc().Date;

    private static AccessDecision? Administrator(AccessRequest request, AccessFacts facts)
        => facts.Administrators.Contains(request.Actor) ? AccessDecision.Allow($"{request.Actor} is an administrator the app names") : null;

    private static AccessDecision? Lead(AccessRequest request, AccessFacts facts)
    {
        if (request.Target.Programme is not { } programme || request.Actor.MemberId is not { } member)
        {
            return null;
        }

        var date = request.At.InUtc().Date;
        return facts.Programmes.Holds(member, programme, ProgrammeRole.Lead, date)
            ? AccessDecision.Allow($"{request.Actor} leads programme '{programme}' on {date.Iso()}")
            : null;
    }
}
