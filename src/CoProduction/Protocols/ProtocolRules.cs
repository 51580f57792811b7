using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Scheduling;

namespace CoProduction.Protocols;

/// <summary>
/// What protocol, amendment and deviation commands consult besides the aggregate itself: the
/// learning sites that exist, each committee's policy (looked up by the protocol's
/// <see cref="CommitteeId"/>) and the working-day calendar for reporting deadlines.
/// </summary>
/// <remarks>Build one per app (or per test) and pass it inside a <see cref="ProtocolContext"/>.</remarks>
public sealed class ProtocolRules
{
    private readonly Dictionary<CommitteeId, CommitteePolicy> policies;

    /// <summary>Creates the rules.</summary>
    /// <param name="knownSites">The learning sites that exist; every site a scope names must be one.</param>
    /// <param name="committees">Each reviewing committee's policy.</param>
    /// <param name="calendar">The working-day calendar (weekends and holidays); Monday to Friday when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A default site or committee id, or a committee listed twice.</exception>
    public ProtocolRules(IEnumerable<SiteId> knownSites, IEnumerable<KeyValuePair<CommitteeId, CommitteePolicy>> committees, WorkingDayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(knownSites);
        ArgumentNullException.ThrowIfNull(committees);
        var sites = new HashSet<SiteId>();
        foreach (var site in knownSites)
        {
            sites.Add(Preconditions.CheckId(site, nameof(knownSites)));
        }

        KnownSites = sites;
        policies = [];
        foreach (var (committee, policy) in committees)
        {
            ArgumentNullException.ThrowIfNull(policy, nameof(committees));
            if (!policies.TryAdd(Preconditions.CheckId(committee, nameof(committees)), policy))
            {
                throw new ArgumentException($"Committee '{committee}' is listed twice.", nameof(committees));
            }
        }

        Calendar = calendar ?? WorkingDayCalendar.MondayToFriday;
    }

    /// <summary>Gets the learning sites that exist.</summary>
    public IReadOnlySet<SiteId> KnownSites { get; }

    /// <summary>Gets the committees whose policy is known, ordered by id.</summary>
    public IReadOnlyList<CommitteeId> Committees => [.. policies.Keys.OrderBy(c => c.Value, StringComparer.Ordinal)];

    /// <summary>Gets the working-day calendar for reporting deadlines.</summary>
    public WorkingDayCalendar Calendar { get; }

    /// <summary>The policy of a committee.</summary>
    /// <param name="committee">The committee.</param>
    /// <returns>Its policy.</returns>
    /// <exception cref="KeyNotFoundException">The rules know no policy for <paramref name="committee"/>.</exception>
    public CommitteePolicy PolicyFor(CommitteeId committee)
        => policies.TryGetValue(committee, out var policy)
            ? policy
            : throw new KeyNotFoundException(
                $"No policy is known for committee '{committee}' (known: {(policies.Count == 0 ? "none" : string.Join(", ", Committees))}): add it to the protocol rules.");
}
