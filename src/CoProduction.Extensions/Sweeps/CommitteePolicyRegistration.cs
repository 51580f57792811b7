using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Protocols;

namespace CoProduction.Sweeps;

/// <summary>The policy an app chose for one ethics committee (<c>builder.AddCommitteePolicy(...)</c>).</summary>
internal sealed record CommitteePolicyRegistration(CommitteeId Committee, CommitteePolicy Policy);

/// <summary>
/// The one registry of committee policies (<see cref="ICommitteePolicies"/>), built once from every
/// <see cref="CommitteePolicyRegistration"/>: a later registration for the same committee wins. Drafting, renewal,
/// deviations, the ethics gate's pause and the sweep's reminders all look policies up here.
/// </summary>
internal sealed class CommitteePolicyRegistry : ICommitteePolicies
{
    private readonly Dictionary<CommitteeId, CommitteePolicy> policies;

    public CommitteePolicyRegistry(IEnumerable<CommitteePolicyRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        policies = registrations.GroupBy(r => r.Committee).ToDictionary(g => g.Key, g => g.Last().Policy);
        Committees = [.. policies.Keys.OrderBy(c => c.Value, StringComparer.Ordinal)];
    }

    public IReadOnlyList<CommitteeId> Committees { get; }

    public CommitteePolicy? Find(CommitteeId committee) => policies.GetValueOrDefault(committee);
}
