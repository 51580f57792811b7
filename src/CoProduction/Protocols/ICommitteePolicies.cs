using System.Collections.Generic;

namespace CoProduction.Protocols;

/// <summary>
/// The one registry of ethics committees' policies, looked up by <see cref="CommitteeId"/>: a protocol's committee
/// decides its renewal, lapse, deviation deadline and reminder lead times, so no caller passes a policy by hand.
/// </summary>
/// <remarks>
/// The DI layer registers one built from <c>builder.AddCommitteePolicy(committee, policy)</c>; <see cref="ProtocolRules"/>
/// reads through it. Implementations are immutable snapshots.
/// </remarks>
public interface ICommitteePolicies
{
    /// <summary>Gets the committees with a policy, ordered by id (ordinal).</summary>
    IReadOnlyList<CommitteeId> Committees { get; }

    /// <summary>Finds a committee's policy.</summary>
    /// <param name="committee">The committee.</param>
    /// <returns>Its policy, or <see langword="null"/> when none is registered.</returns>
    CommitteePolicy? Find(CommitteeId committee);
}
