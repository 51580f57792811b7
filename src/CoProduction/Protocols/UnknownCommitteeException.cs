using System;
using System.Collections.Generic;
using System.Linq;

namespace CoProduction.Protocols;

/// <summary>
/// A protocol names an ethics committee whose policy is not registered, so its renewal, lapse and deviation deadline
/// cannot be decided. Nothing was changed: register the committee's policy first, or correct the id.
/// </summary>
public sealed class UnknownCommitteeException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="attempted">What was attempted, for example <c>draft protocol 'KWTRP-2'</c>.</param>
    /// <param name="committee">The committee without a policy.</param>
    /// <param name="registered">The committees whose policy is registered.</param>
    public UnknownCommitteeException(string attempted, CommitteeId committee, IEnumerable<CommitteeId> registered)
        : this(attempted, committee, (registered ?? throw new ArgumentNullException(nameof(registered))).OrderBy(c => c.Value, StringComparer.Ordinal).ToArray())
    {
    }

    private UnknownCommitteeException(string attempted, CommitteeId committee, CommitteeId[] registered)
        : base(
            $"Cannot {attempted}: committee '{committee}' has no registered policy" +
            $" (registered: {(registered.Length == 0 ? "none" : string.Join(", ", registered))})." +
            " Its policy decides the approval's renewal and lapse, the deviation deadline and the reminder lead times:" +
            " register it (builder.AddCommitteePolicy) or correct the id; nothing was changed.")
    {
        Committee = committee;
        RegisteredCommittees = registered;
    }

    /// <summary>Gets the committee without a policy.</summary>
    public CommitteeId Committee { get; }

    /// <summary>Gets the committees whose policy is registered, ordered by id.</summary>
    public IReadOnlyList<CommitteeId> RegisteredCommittees { get; }
}
