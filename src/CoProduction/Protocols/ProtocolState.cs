using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// A protocol as its history made it: identity, review stage, proposed scope, every approved
/// version, the approval periods, the dated standing after approval and the pending amendments.
/// Immutable; the calendar questions (<see cref="StatusOn"/>, <see cref="VersionInForceOn"/>) are
/// answered from it alone.
/// </summary>
/// <param name="Id">The protocol's id.</param>
/// <param name="Kind">Main, sub-study or umbrella.</param>
/// <param name="Parent">The parent protocol of a sub-study.</param>
/// <param name="Title">The title.</param>
/// <param name="Institution">The institution that holds it.</param>
/// <param name="Committee">The reviewing committee.</param>
/// <param name="Status">The machine's current stage. <see cref="ProtocolStatus.Approved"/> stays until an expiry is observed; ask <see cref="StatusOn"/> for a date.</param>
/// <param name="ProposedScope">The scope as drafted (before approval) or last revised.</param>
/// <param name="Versions">Every approved version, oldest first.</param>
/// <param name="Approvals">The approval periods, oldest first; more than one only after a renewal that followed a lapse.</param>
/// <param name="Timeline">The dated standing changes since approval (approved, suspended, reinstated, closed), in date order.</param>
/// <param name="Pending">Amendments lodged and awaiting a decision.</param>
public sealed record ProtocolState(
    ProtocolId Id,
    ProtocolKind Kind,
    ProtocolId? Parent,
    string Title,
    string Institution,
    CommitteeId Committee,
    ProtocolStatus Status,
    ProtocolScope ProposedScope,
    ValueList<ProtocolVersion> Versions,
    ValueList<ApprovalPeriod> Approvals,
    ValueList<StatusChange> Timeline,
    ValueList<PendingAmendment> Pending)
{
    /// <summary>Gets the latest approved version, or <see langword="null"/> before approval.</summary>
    public ProtocolVersion? CurrentVersion => Versions.IsEmpty ? null : Versions[^1];

    /// <summary>Gets the scope of the latest approved version, or the proposed scope before approval.</summary>
    public ProtocolScope CurrentScope => CurrentVersion?.Scope ?? ProposedScope;

    /// <summary>Gets the latest approval period, or <see langword="null"/> before approval.</summary>
    public ApprovalPeriod? CurrentApproval => Approvals.IsEmpty ? null : Approvals[^1];

    /// <summary>Gets the last day of the current approval (what reminders count down to), or <see langword="null"/> before approval.</summary>
    public LocalDate? ApprovalEnd => CurrentApproval?.End;

    internal bool IsNew => Title.Length == 0;

    /// <summary>The protocol's standing on a date, derived from the history.</summary>
    /// <remarks>
    /// <para>
    /// After approval the answer follows the dated facts: <see cref="ProtocolStatus.Approved"/> within an
    /// approval period, <see cref="ProtocolStatus.Suspended"/> from a suspension until reinstatement,
    /// <see cref="ProtocolStatus.Closed"/> from the closing date, and <see cref="ProtocolStatus.Expired"/> on any
    /// date outside every approval period — even before a <see cref="ProtocolExpired"/> event was recorded.
    /// </para>
    /// <para>
    /// Review steps before approval carry instants, not calendar dates, so a date before the first
    /// approval period reads as <see cref="ProtocolStatus.UnderReview"/> for a protocol approved later,
    /// and a protocol never approved reads as its current <see cref="Status"/> on every date.
    /// </para>
    /// </remarks>
    /// <param name="date">The date.</param>
    /// <returns>The standing on that date.</returns>
    public ProtocolStatus StatusOn(LocalDate date)
    {
        if (Approvals.IsEmpty)
        {
            return Status;
        }

        if (date < Approvals[0].Start)
        {
            return ProtocolStatus.UnderReview;
        }

        var standing = ProtocolStatus.Approved;
        foreach (var change in Timeline)
        {
            if (change.On > date)
            {
                break;
            }

            standing = change.Status;
        }

        if (standing == ProtocolStatus.Closed)
        {
            return standing;
        }

        foreach (var period in Approvals)
        {
            if (period.Contains(date))
            {
                return standing;
            }
        }

        return ProtocolStatus.Expired;
    }

    /// <summary>Whether the protocol is approved and unexpired on a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when <see cref="StatusOn"/> is <see cref="ProtocolStatus.Approved"/>.</returns>
    public bool IsApprovedOn(LocalDate date) => StatusOn(date) == ProtocolStatus.Approved;

    /// <summary>The version that applied on a date (the latest in force from that date or earlier), whatever the approval's standing that day.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The version, or <see langword="null"/> before version 1 came into force.</returns>
    public ProtocolVersion? VersionOn(LocalDate date)
    {
        ProtocolVersion? found = null;
        foreach (var version in Versions)
        {
            if (version.InForceFrom > date)
            {
                break;
            }

            found = version;
        }

        return found;
    }

    /// <summary>The version in force on a date: the version that applied, if the protocol was approved and unexpired that day.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The version, or <see langword="null"/> when no version of this protocol permitted research that day.</returns>
    public ProtocolVersion? VersionInForceOn(LocalDate date) => IsApprovedOn(date) ? VersionOn(date) : null;

    /// <summary>A version by number.</summary>
    /// <param name="number">1 to the number of versions.</param>
    /// <returns>The version.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">No such version.</exception>
    public ProtocolVersion Version(int number)
    {
        System.ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        System.ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Versions.Count);
        return Versions[number - 1];
    }

    /// <summary>The scope changes between two versions.</summary>
    /// <param name="from">The earlier version's number.</param>
    /// <param name="to">The later version's number.</param>
    /// <returns>What <paramref name="to"/> has that <paramref name="from"/> had not, and the reverse.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">A version does not exist.</exception>
    public ScopeDiff Diff(int from, int to) => Version(from).Scope.DiffTo(Version(to).Scope);

    /// <summary>Why an amendment touching <paramref name="touches"/>, written against <paramref name="baseVersion"/>, cannot proceed now; empty when it can.</summary>
    internal List<string> ConflictsFor(AmendmentId amendment, int baseVersion, IEnumerable<ScopeItem> touches)
    {
        var reasons = new List<string>();
        var items = new HashSet<ScopeItem>(touches);
        for (var n = baseVersion + 1; n <= Versions.Count; n++)
        {
            var applied = Versions[n - 1];
            foreach (var item in applied.Touched)
            {
                if (items.Contains(item))
                {
                    reasons.Add(
                        $"amendment '{amendment}' was written against version {baseVersion} of protocol '{Id}', but version {n}" +
                        $" (amendment '{applied.Amendment}', approved {applied.ApprovedOn.Iso()}) has since changed {item}, which it also changes:" +
                        $" rebase it on version {Versions.Count} and check its changes again");
                }
            }
        }

        foreach (var pending in Pending)
        {
            if (pending.Amendment == amendment)
            {
                continue;
            }

            foreach (var item in pending.Touches)
            {
                if (items.Contains(item))
                {
                    reasons.Add(
                        $"amendment '{pending.Amendment}' is pending on {item}, which amendment '{amendment}' also changes:" +
                        $" wait for the committee's decision on '{pending.Amendment}' or withdraw it");
                }
            }
        }

        return reasons;
    }

    internal static ProtocolState Initial(ProtocolId id)
        => new(id, ProtocolKind.Main, null, string.Empty, string.Empty, default, ProtocolStatus.Draft, ProtocolScope.Empty, [], [], [], []);
}
