using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Scheduling;

namespace CoProduction.Protocols;

/// <summary>
/// What protocol, amendment and deviation commands consult besides the aggregate itself: the
/// learning sites that exist, each committee's policy (looked up by the protocol's
/// <see cref="CommitteeId"/>, never passed) and the working-day calendar for reporting deadlines.
/// </summary>
/// <remarks>Build one per app (or per test) and pass it inside a <see cref="ProtocolContext"/>; in an app, <c>ProtocolCommands</c> builds it from the registered policies.</remarks>
public sealed class ProtocolRules
{
    /// <summary>Creates the rules.</summary>
    /// <param name="knownSites">The learning sites that exist; every site a scope names must be one.</param>
    /// <param name="committees">Each reviewing committee's policy.</param>
    /// <param name="calendar">The working-day calendar (weekends and holidays); Monday to Friday when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A default site or committee id.</exception>
    /// <exception cref="InputLimitException">A site or a committee listed twice (<see cref="InputRule.Repeated"/>, naming the parameter and the id).</exception>
    public ProtocolRules(IEnumerable<SiteId> knownSites, IEnumerable<KeyValuePair<CommitteeId, CommitteePolicy>> committees, WorkingDayCalendar? calendar = null)
        : this(knownSites, CommitteePolicyTable.Of(committees), calendar)
    {
    }

    private ProtocolRules(IEnumerable<SiteId> knownSites, ICommitteePolicies committees, WorkingDayCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(knownSites);
        var sites = new HashSet<SiteId>();
        foreach (var site in knownSites)
        {
            if (!sites.Add(Preconditions.CheckId(site, nameof(knownSites))))
            {
                throw Preconditions.Repeated(site, nameof(knownSites));
            }
        }

        KnownSites = sites;
        Policies = committees ?? throw new ArgumentNullException(nameof(committees));
        Calendar = calendar ?? WorkingDayCalendar.MondayToFriday;
    }

    /// <summary>Creates the rules over a registry of committee policies.</summary>
    /// <param name="knownSites">The learning sites that exist; every site a scope names must be one.</param>
    /// <param name="committees">The registry of committee policies.</param>
    /// <param name="calendar">The working-day calendar (weekends and holidays) of the site concerned; Monday to Friday when <see langword="null"/>.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ArgumentException">A default site id.</exception>
    /// <exception cref="InputLimitException">A site listed twice (<see cref="InputRule.Repeated"/>, naming <c>knownSites</c> and the site).</exception>
    public static ProtocolRules Over(IEnumerable<SiteId> knownSites, ICommitteePolicies committees, WorkingDayCalendar? calendar = null)
        => new(knownSites, committees, calendar);

    /// <summary>Gets the learning sites that exist.</summary>
    public IReadOnlySet<SiteId> KnownSites { get; }

    /// <summary>Gets the committees whose policy is known, ordered by id.</summary>
    public IReadOnlyList<CommitteeId> Committees => Policies.Committees;

    /// <summary>Gets the registry the committees' policies are looked up in.</summary>
    public ICommitteePolicies Policies { get; }

    /// <summary>Gets the working-day calendar for reporting deadlines.</summary>
    public WorkingDayCalendar Calendar { get; }

    /// <summary>The policy of a committee.</summary>
    /// <param name="committee">The committee.</param>
    /// <returns>Its policy.</returns>
    /// <exception cref="UnknownCommitteeException">No policy is registered for <paramref name="committee"/>.</exception>
    public CommitteePolicy PolicyFor(CommitteeId committee) => PolicyFor(committee, $"decide for committee '{committee}'");

    /// <summary>The policy of a committee, or the typed refusal naming what was attempted.</summary>
    internal CommitteePolicy PolicyFor(CommitteeId committee, string attempted)
        => Policies.Find(committee) ?? throw new UnknownCommitteeException(attempted, committee, Policies.Committees);

    /// <summary>A fixed table of policies, one per committee.</summary>
    private sealed class CommitteePolicyTable(Dictionary<CommitteeId, CommitteePolicy> policies) : ICommitteePolicies
    {
        public IReadOnlyList<CommitteeId> Committees { get; } = [.. policies.Keys.OrderBy(c => c.Value, StringComparer.Ordinal)];

        public static CommitteePolicyTable Of(IEnumerable<KeyValuePair<CommitteeId, CommitteePolicy>> committees)
        {
            ArgumentNullException.ThrowIfNull(committees);
            var policies = new Dictionary<CommitteeId, CommitteePolicy>();
            foreach (var (committee, policy) in committees)
            {
                ArgumentNullException.ThrowIfNull(policy, nameof(committees));
                if (!policies.TryAdd(Preconditions.CheckId(committee, nameof(committees)), policy))
                {
                    throw Preconditions.Repeated(committee, nameof(committees));
                }
            }

            return new CommitteePolicyTable(policies);
        }

        public CommitteePolicy? Find(CommitteeId committee) => policies.GetValueOrDefault(committee);
    }
}
