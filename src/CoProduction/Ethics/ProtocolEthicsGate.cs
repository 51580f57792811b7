using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Protocols;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Ethics;

/// <summary>
/// The ethics gate built from protocol histories: an activity is covered when some protocol that is
/// approved and unexpired on the activity's date has a version in force whose scope covers its
/// method, respondent group and site. Otherwise the decision says why, per protocol, and what would
/// fix it: re-date the activity when a later version covers it, amend a protocol, open a sub-study
/// protocol, renew or reinstate one.
/// </summary>
/// <remarks>
/// The gate is a snapshot of the protocols as they stood when it was built; build a new one after
/// protocols change. When several protocols cover an activity, the first in the order given is named.
/// The protocols are indexed by every site their versions name, so deciding that an activity is covered
/// looks only at the protocols of its site, however many protocols the programme has.
/// Consent recorded under a covering protocol (<see cref="Protocol.RecordConsent"/>) is consulted too: a respondent
/// group's withdrawn collective consent refuses collecting from the group, and an activity that names participants
/// needs, for each, a consent standing on its day that includes its method.
/// </remarks>
public sealed class ProtocolEthicsGate : IEthicsGate
{
    private readonly ProtocolState[] protocols;
    private readonly Dictionary<SiteId, List<ProtocolState>> bySite = [];
    private readonly ICommitteePolicies? committees;

    /// <summary>Creates the gate from protocols, as they stand now.</summary>
    /// <param name="protocols">The protocols to consult, in order of preference.</param>
    public ProtocolEthicsGate(IEnumerable<Protocol> protocols)
        : this(protocols, null)
    {
    }

    /// <summary>Creates the gate from protocols, as they stand now, with their committees' policies.</summary>
    /// <param name="protocols">The protocols to consult, in order of preference.</param>
    /// <param name="committees">
    /// The committees' policies: a lapsed protocol whose committee sets <see cref="CommitteePolicy.LateRenewalPausesStudy"/>
    /// pauses research under it until renewal (<see cref="ProtocolBreach.PausesStudy"/>); without them nothing is paused.
    /// </param>
    public ProtocolEthicsGate(IEnumerable<Protocol> protocols, ICommitteePolicies? committees)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        this.committees = committees;
        this.protocols = [.. protocols.Select(p => (p ?? throw new ArgumentException("A protocol is missing from the list.", nameof(protocols))).State)];
        foreach (var p in this.protocols)
        {
            // Only a version's scope can cover an activity: a site no version names never finds the protocol.
            foreach (var site in p.Versions.SelectMany(v => v.Scope.Sites).Distinct())
            {
                if (!bySite.TryGetValue(site, out var ofSite))
                {
                    bySite[site] = ofSite = [];
                }

                ofSite.Add(p);
            }
        }
    }

    /// <summary>Creates the gate from protocols, as they stand now.</summary>
    /// <param name="protocols">The protocols to consult, in order of preference.</param>
    /// <returns>The gate.</returns>
    public static ProtocolEthicsGate From(IEnumerable<Protocol> protocols) => new(protocols);

    /// <inheritdoc/>
    public EthicsGateDecision Check(ResearchActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var date = activity.Date;
        EthicsGateDecision? withoutConsent = null;
        foreach (var p in bySite.GetValueOrDefault(activity.Site) ?? [])
        {
            if (p.VersionInForceOn(date) is { } version && version.Scope.Covers(activity.Method, activity.RespondentGroup, activity.Site))
            {
                if (p.Consents.IsEmpty && activity.Participants.IsEmpty)
                {
                    return EthicsGateDecision.Covered(activity, p.Id, version.Number);
                }

                var (reasons, remedies) = ConsentProblems(p, activity);
                if (reasons.Count == 0)
                {
                    return EthicsGateDecision.Covered(activity, p.Id, version.Number);
                }

                // Covered by scope, refused by consent: another protocol of the site may still cover it with consent.
                withoutConsent ??= EthicsGateDecision.NotCovered(
                    activity,
                    $"Planned activity {Describe(activity)} is within protocol '{p.Id}' version {version.Number} on {LocalDatePattern.Iso.Format(date)}, but consent does not allow it.",
                    reasons,
                    remedies,
                    null,
                    new ProtocolBreach(p.Id, version.Number, ProtocolStatus.Approved, PausesStudy: false, p.Committee));
            }
        }

        return withoutConsent ?? Explain(activity);
    }

    /// <summary>
    /// Why consent recorded under <paramref name="p"/> does not allow the activity on its day: the group's collective consent
    /// was withdrawn or does not include the method, or a participant it names has no consent standing that includes the method.
    /// </summary>
    private static (List<string> Reasons, List<string> Remedies) ConsentProblems(ProtocolState p, ResearchActivity activity)
    {
        var (reasons, remedies) = (new List<string>(), new List<string>());
        var (date, method, group) = (activity.Date, activity.Method, activity.RespondentGroup);
        var day = LocalDatePattern.Iso.Format(date);
        if (p.ConsentOn(group, null, date) is { } collective)
        {
            if (!collective.StandsOn(date))
            {
                reasons.Add($"respondent group {group} withdrew its consent under protocol '{p.Id}' on {LocalDatePattern.Iso.Format(collective.WithdrawnOn!.Value)}: no further data is collected from it; what was collected before stays.");
                remedies.Add($"record the group's renewed consent under protocol '{p.Id}' if it agrees again, or collect from another group");
            }
            else if (!collective.Methods.Contains(method))
            {
                reasons.Add($"respondent group {group} consented under protocol '{p.Id}' to {string.Join(", ", collective.Methods)}, not to {method}.");
                remedies.Add($"withdraw and record the group's consent again with {method}, once it agrees to it");
            }
        }

        foreach (var participant in activity.Participants)
        {
            var subject = Consent.Describe(group, participant);
            var consent = p.ConsentOn(group, participant, date);
            if (consent is null)
            {
                reasons.Add($"{subject} has no consent recorded under protocol '{p.Id}' on {day}.");
                remedies.Add($"record the consent of participant '{participant}' under protocol '{p.Id}' before collecting from them, or leave them out");
            }
            else if (!consent.StandsOn(date))
            {
                reasons.Add($"{subject} withdrew consent under protocol '{p.Id}' on {LocalDatePattern.Iso.Format(consent.WithdrawnOn!.Value)}: no further data is collected from them; what was collected before stays.");
                remedies.Add($"leave participant '{participant}' out of the activity");
            }
            else if (!consent.Methods.Contains(method))
            {
                reasons.Add($"{subject} consented under protocol '{p.Id}' to {string.Join(", ", consent.Methods)}, not to {method}.");
                remedies.Add($"ask participant '{participant}' for consent to {method} and record it, or leave them out");
            }
        }

        return (reasons, remedies);
    }

    private static string Describe(ResearchActivity a)
        => $"'{a.Title}' ({a.Method} with {a.RespondentGroup} at {a.Site})";

    private EthicsGateDecision Explain(ResearchActivity activity)
    {
        var date = activity.Date;
        var day = LocalDatePattern.Iso.Format(date);
        var headline = $"Planned activity {Describe(activity)} is not covered by any approved protocol on {day}.";
        var reasons = new List<string>();
        LaterCoverage? earliest = null;
        var remedies = new List<string>();
        var needsSubStudy = false;
        ProtocolBreach? lapse = null;
        ProtocolBreach? beyondScope = null;
        var method = ScopeItem.Of(activity.Method);
        var group = ScopeItem.Of(activity.RespondentGroup);
        var site = ScopeItem.Of(activity.Site);

        foreach (var p in protocols)
        {
            if (CoveringLater(p, activity) is { } later)
            {
                // An amendment (or an approval) already covers it from a later day: re-date, do not amend again.
                var from = LocalDatePattern.Iso.Format(later.From);
                reasons.Add($"protocol '{p.Id}' covers it from {from} by version {later.Version}: re-date the activity.");
                remedies.Add($"re-date the activity to {from} or later (protocol '{p.Id}' version {later.Version})");
                earliest = earliest is null || later.From < earliest.From ? later : earliest;
                if (lapse is null && p.StatusOn(date) is ProtocolStatus.Expired or ProtocolStatus.Suspended && (p.VersionOn(date) ?? p.CurrentVersion) is { } lapsed)
                {
                    // Renewed after a gap: the day asked stays unapproved, a lapse of the version then in force.
                    lapse = new ProtocolBreach(p.Id, lapsed.Number, p.StatusOn(date), Pauses(p, p.StatusOn(date), date), p.Committee);
                }

                continue;
            }

            var status = p.StatusOn(date);
            var version = p.VersionOn(date) ?? p.CurrentVersion;
            var scope = version?.Scope ?? p.ProposedScope;
            var missing = new[] { method, group, site }.Where(i => !scope.Contains(i)).ToArray();
            var which = version is null ? $"protocol '{p.Id}'" : $"protocol '{p.Id}' version {version.Number}";

            if (status != ProtocolStatus.Approved)
            {
                if (missing.Length == 0)
                {
                    if (lapse is null && version is not null && status is ProtocolStatus.Expired or ProtocolStatus.Suspended)
                    {
                        lapse = new ProtocolBreach(p.Id, version.Number, status, Pauses(p, status, date), p.Committee);
                    }

                    reasons.Add($"{which} would cover it but is {status} on {day}.");
                    if (RemedyFor(p, status, date) is { } remedy)
                    {
                        remedies.Add(remedy);
                    }
                }
                else if (scope.Contains(site))
                {
                    reasons.Add($"{which} is {status} on {day} and does not include {string.Join(" or ", missing.Select(i => i.ToString()))}.");
                }

                continue;
            }

            if (!scope.Contains(site) && p.Kind != ProtocolKind.Umbrella && missing.Length > 1)
            {
                // Another site's protocol is a remedy only when it already permits the method and the
                // group (extend it to this site); an umbrella protocol spans sites by design.
                continue;
            }

            if (beyondScope is null && version is not null && scope.Contains(site))
            {
                beyondScope = new ProtocolBreach(p.Id, version.Number, status, PausesStudy: false, p.Committee);
            }

            reasons.Add($"{which} does not include {string.Join(" or ", missing.Select(i => i.ToString()))}.");
            remedies.Add($"amend protocol '{p.Id}' to add {string.Join(" and ", missing.Select(i => i.Code))}");
            needsSubStudy |= missing.Any(i => i.Kind != ScopeItemKind.Site);
        }

        if (protocols.Length == 0)
        {
            reasons.Add("No protocol is known to the gate.");
            remedies.Add($"draft and submit a protocol covering {activity.Method} with {activity.RespondentGroup} at {activity.Site}");
        }
        else if (needsSubStudy || (remedies.Count == 0 && earliest is null))
        {
            remedies.Add(
                $"open a sub-study protocol for {activity.Method} with {activity.RespondentGroup} at {activity.Site}" +
                " (its own protocol when research engages a new set of respondents or a new data-collection approach)");
        }

        return EthicsGateDecision.NotCovered(activity, headline, reasons, remedies.Distinct(), earliest, lapse ?? beyondScope);
    }

    /// <summary>Whether a protocol lapsed on <paramref name="date"/> pauses research now: not renewed since, and its committee says so.</summary>
    private bool Pauses(ProtocolState p, ProtocolStatus status, LocalDate date)
        => status == ProtocolStatus.Expired
            && p.ApprovalEnd is { } end && end < date
            && committees?.Find(p.Committee) is { LateRenewalPausesStudy: true };

    /// <summary>The first day after the activity's date on which a version of <paramref name="p"/> in force covers it, if any.</summary>
    private static LaterCoverage? CoveringLater(ProtocolState p, ResearchActivity activity)
    {
        var days = new SortedSet<LocalDate>();
        foreach (var version in p.Versions)
        {
            days.Add(version.InForceFrom);
        }

        foreach (var period in p.Approvals)
        {
            days.Add(period.Start);
        }

        foreach (var change in p.Timeline)
        {
            days.Add(change.On);
        }

        foreach (var day in days)
        {
            if (day > activity.Date
                && p.VersionInForceOn(day) is { } version
                && version.Scope.Covers(activity.Method, activity.RespondentGroup, activity.Site))
            {
                return new LaterCoverage(p.Id, version.Number, day);
            }
        }

        return null;
    }

    private static string? RemedyFor(ProtocolState p, ProtocolStatus status, LocalDate date) => status switch
    {
        ProtocolStatus.Expired => $"renew protocol '{p.Id}' (its approval was not current on {LocalDatePattern.Iso.Format(date)})",
        ProtocolStatus.Suspended => $"reinstate protocol '{p.Id}'",
        ProtocolStatus.Draft or ProtocolStatus.Submitted or ProtocolStatus.UnderReview or ProtocolStatus.ChangesRequested
            => $"obtain approval of protocol '{p.Id}' before {LocalDatePattern.Iso.Format(date)}",
        _ => null,
    };
}
