using System.Collections.Generic;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// A protocol as its history made it: identity, review stage, proposed scope, every approved
/// version, the approval periods, the dated standing after approval and the pending amendments.
/// Immutable; the calendar questions (<see cref="StatusOn"/>, <see cref="VersionInForceOn"/>) are
/// answered from it alone.
/// </summary>
public sealed record ProtocolState
{
    private ProtocolState()
    {
    }

    /// <summary>Gets the protocol's id.</summary>
    public ProtocolId Id { get; private init; }

    /// <summary>Gets the kind: main, sub-study or umbrella.</summary>
    public ProtocolKind Kind { get; private init; } = ProtocolKind.Main;

    /// <summary>Gets the parent protocol of a sub-study.</summary>
    public ProtocolId? Parent { get; private init; }

    /// <summary>Gets the title.</summary>
    public string Title { get; private init; } = string.Empty;

    /// <summary>Gets the institution that holds it.</summary>
    public string Institution { get; private init; } = string.Empty;

    /// <summary>Gets the reviewing committee.</summary>
    public CommitteeId Committee { get; private init; }

    /// <summary>Gets the day the protocol was drafted: the drafting event's <c>DraftedOn</c>, or its instant's day (at the earliest in any zone).</summary>
    public LocalDate DraftedOn { get; private init; }

    /// <summary>Gets the machine's current stage. <see cref="ProtocolStatus.Approved"/> stays until an expiry is observed; ask <see cref="StatusOn"/> for a date.</summary>
    public ProtocolStatus Status { get; private init; }

    /// <summary>Gets the scope as drafted (before approval) or last revised.</summary>
    public ProtocolScope ProposedScope { get; private init; } = ProtocolScope.Empty;

    /// <summary>Gets every approved version, oldest first.</summary>
    public ValueList<ProtocolVersion> Versions { get; private init; }

    /// <summary>Gets the approval periods, oldest first; more than one only after a renewal that followed a lapse.</summary>
    public ValueList<ApprovalPeriod> Approvals { get; private init; }

    /// <summary>Gets the dated standing changes since approval (approved, suspended, reinstated, closed), in date order.</summary>
    public ValueList<StatusChange> Timeline { get; private init; }

    /// <summary>Gets the amendments lodged and awaiting a decision.</summary>
    public ValueList<PendingAmendment> Pending { get; private init; }

    /// <summary>Gets the consents recorded under the protocol, in the order recorded; a withdrawn one keeps its place with its withdrawal day.</summary>
    public ValueList<Consent> Consents { get; private init; }

    /// <summary>Gets the latest approved version, or <see langword="null"/> before approval.</summary>
    public ProtocolVersion? CurrentVersion => Versions.IsEmpty ? null : Versions[^1];

    /// <summary>Gets the scope of the latest approved version, or the proposed scope before approval.</summary>
    public ProtocolScope CurrentScope => CurrentVersion?.Scope ?? ProposedScope;

    /// <summary>Gets the latest approval period, or <see langword="null"/> before approval.</summary>
    public ApprovalPeriod? CurrentApproval => Approvals.IsEmpty ? null : Approvals[^1];

    /// <summary>Gets the last day of the current approval (what reminders count down to), or <see langword="null"/> before approval.</summary>
    public LocalDate? ApprovalEnd => CurrentApproval?.End;

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

    /// <summary>The consent of a subject that applied on a date: the latest one recorded for that group or participant given on or before it, withdrawn or not.</summary>
    /// <param name="group">The respondent group.</param>
    /// <param name="participant">The participant, or <see langword="null"/> for the group's collective consent.</param>
    /// <param name="date">The day asked about.</param>
    /// <returns>The consent (ask <see cref="Consent.StandsOn"/>), or <see langword="null"/> when none was given by then.</returns>
    public Consent? ConsentOn(RespondentGroup group, ParticipantId? participant, LocalDate date)
    {
        Consent? found = null;
        foreach (var consent in Consents)
        {
            if (consent.IsOf(group, participant) && consent.GivenOn <= date)
            {
                found = consent;
            }
        }

        return found;
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

    /// <summary>Gets the state before the first event.</summary>
    internal static ProtocolState Initial { get; } = new();

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal ProtocolState Apply(IProtocolEvent @event) => @event switch
    {
        ProtocolDrafted e => this with
        {
            Id = e.Protocol,
            Kind = e.Kind,
            Parent = e.Parent,
            Title = e.Title,
            Institution = e.Institution,
            Committee = e.Committee,
            Status = ProtocolStatus.Draft,
            ProposedScope = e.Scope,
            DraftedOn = e.DraftedOn ?? e.At.InUtc().Date.PlusDays(-1),
        },
        ProtocolRevised e => this with { Title = e.Title, ProposedScope = e.Scope },
        ProtocolSubmitted => this with { Status = ProtocolStatus.Submitted },
        ProtocolReviewStarted => this with { Status = ProtocolStatus.UnderReview },
        ProtocolChangesRequested => this with { Status = ProtocolStatus.ChangesRequested },
        ProtocolApproved e => this with
        {
            Status = ProtocolStatus.Approved,
            Versions = [new ProtocolVersion(1, ProposedScope, e.Period.Start, e.ApprovedOn, null, ScopeDiff.None, null, null)],
            Approvals = [e.Period],
            Timeline = [new StatusChange(e.Period.Start, ProtocolStatus.Approved)],
        },
        ProtocolRejected => this with { Status = ProtocolStatus.Rejected },
        ProtocolWithdrawn => this with { Status = ProtocolStatus.Withdrawn },
        ProtocolSuspended e => this with { Status = ProtocolStatus.Suspended, Timeline = Timeline.Add(new StatusChange(e.On, ProtocolStatus.Suspended)) },
        ProtocolReinstated e => this with { Status = ProtocolStatus.Approved, Timeline = Timeline.Add(new StatusChange(e.On, ProtocolStatus.Approved)) },
        ProtocolRenewed { AfterLapse: true } e => this with
        {
            Status = ProtocolStatus.Approved,
            Approvals = Approvals.Add(new ApprovalPeriod(e.RenewedOn, e.NewEnd)),
            Timeline = Timeline.Add(new StatusChange(e.RenewedOn, ProtocolStatus.Approved)),
        },
        ProtocolRenewed e => this with { Status = ProtocolStatus.Approved, Approvals = ExtendLast(e.NewEnd) },
        ProtocolExpired => this with { Status = ProtocolStatus.Expired },
        ProtocolClosed e => this with { Status = ProtocolStatus.Closed, Timeline = Timeline.Add(new StatusChange(e.On, ProtocolStatus.Closed)) },
        ProtocolAmendmentLodged e => this with { Pending = Pending.Add(new PendingAmendment(e.Amendment, e.BaseVersion, e.Touches, e.At)) },
        ProtocolAmendmentReleased e => this with { Pending = Pending.RemoveAll(p => p.Amendment == e.Amendment) },
        ProtocolAmendmentApplied e => this with
        {
            Versions = Versions.Add(new ProtocolVersion(
                e.Version,
                CurrentScope.Change(e.Added, e.Removed),
                e.ApprovedOn,
                e.ApprovedOn,
                e.Amendment,
                new ScopeDiff(e.Added, e.Removed),
                e.ExtendApprovalTo,
                e.PersonnelChanges)),
            Approvals = e.ExtendApprovalTo is { } end ? ExtendLast(end) : Approvals,
            Pending = Pending.RemoveAll(p => p.Amendment == e.Amendment),
        },
        ProtocolConsentGiven e => this with { Consents = Consents.Add(new Consent(e.Group, e.Participant, e.Methods, e.On, null)) },
        ProtocolConsentWithdrawn e => this with { Consents = Withdraw(e.Group, e.Participant, e.On) },
        _ => throw Fold.Unknown<ProtocolState>(@event),
    };

    /// <summary>
    /// The latest consent recorded for a subject, withdrawn or not. A subject's consents never overlap (a new one is taken only
    /// after the last is withdrawn, and dated on or after that), so the one that stands, if any, is this one.
    /// </summary>
    internal Consent? LatestConsent(RespondentGroup group, ParticipantId? participant)
        => IndexOfLatestConsent(group, participant) is var i and >= 0 ? Consents[i] : null;

    /// <summary>
    /// Why the protocol does not permit consent of <paramref name="group"/> to <paramref name="methods"/> on <paramref name="on"/>:
    /// not approved and unexpired that day, or the group or a method outside the version then in force. Empty when it does.
    /// The command refuses with these reasons and replay refuses a history they fit.
    /// </summary>
    internal List<string> ConsentOutsideApproval(RespondentGroup group, ValueList<DataCollectionMethod> methods, LocalDate on)
    {
        var reasons = new List<string>();
        if (VersionInForceOn(on) is not { } version)
        {
            reasons.Add($"protocol '{Id}' is {StatusOn(on)} on {on.Iso()}: consent is taken under an approved, unexpired protocol");
            return reasons;
        }

        if (!version.Scope.Contains(ScopeItem.Of(group)))
        {
            reasons.Add($"respondent group {group} is not in the scope of version {version.Number}: amend the protocol to add it before taking consent from it");
        }

        foreach (var method in methods)
        {
            if (!version.Scope.Contains(ScopeItem.Of(method)))
            {
                reasons.Add($"method {method} is not in the scope of version {version.Number}: amend the protocol to add it before taking consent to it");
            }
        }

        return reasons;
    }

    private int IndexOfLatestConsent(RespondentGroup group, ParticipantId? participant)
    {
        for (var i = Consents.Count - 1; i >= 0; i--)
        {
            if (Consents[i].IsOf(group, participant))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The consents after a withdrawal: the subject's latest, if it stands, gets its day; the replay check (<c>Protocol.CheckReplay</c>) refuses a history with nothing to withdraw.</summary>
    private ValueList<Consent> Withdraw(RespondentGroup group, ParticipantId? participant, LocalDate on)
        => IndexOfLatestConsent(group, participant) is var i and >= 0 && Consents[i].Stands
            ? Consents.SetItem(i, Consents[i] with { WithdrawnOn = on })
            : Consents;

    private ValueList<ApprovalPeriod> ExtendLast(LocalDate end)
        => Approvals.SetItem(Approvals.Count - 1, new ApprovalPeriod(Approvals[^1].Start, end));
}
