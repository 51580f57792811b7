using CoProduction.Events;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>An amendment as its history made it: the fold of its events.</summary>
public sealed record AmendmentState
{
    private AmendmentState()
    {
    }

    /// <summary>Gets the amendment's id.</summary>
    public AmendmentId Id { get; private init; }

    /// <summary>Gets the protocol it amends.</summary>
    public ProtocolId Protocol { get; private init; }

    /// <summary>Gets the protocol version it was written against (or last rebased on).</summary>
    public int BaseVersion { get; private init; }

    /// <summary>Gets why the change is needed.</summary>
    public string Rationale { get; private init; } = string.Empty;

    /// <summary>Gets whether the committee must review it (a non-substantial one may be accepted as a notification).</summary>
    public bool Substantial { get; private init; } = true;

    /// <summary>Gets what it changes.</summary>
    public AmendmentChanges Changes { get; private init; } = AmendmentChanges.None;

    /// <summary>Gets the machine's current stage.</summary>
    public AmendmentStatus Status { get; private init; }

    /// <summary>Gets the approval (or acceptance) date, once approved: the new version is in force from it.</summary>
    public LocalDate? ApprovedOn { get; private init; }

    /// <summary>Gets whether it was accepted as a notification rather than reviewed.</summary>
    public bool AcceptedAsNotification { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static AmendmentState Initial { get; } = new();

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal AmendmentState Apply(IAmendmentEvent @event) => @event switch
    {
        AmendmentDrafted e => this with
        {
            Id = e.Amendment,
            Protocol = e.Protocol,
            BaseVersion = e.BaseVersion,
            Rationale = e.Rationale,
            Substantial = e.Substantial,
            Changes = e.Changes,
            Status = AmendmentStatus.Draft,
        },
        AmendmentRevised e => this with { BaseVersion = e.BaseVersion, Rationale = e.Rationale, Substantial = e.Substantial, Changes = e.Changes },
        AmendmentRebased e => this with { BaseVersion = e.BaseVersion },
        AmendmentSubmitted => this with { Status = AmendmentStatus.Submitted },
        AmendmentReviewStarted => this with { Status = AmendmentStatus.UnderReview },
        AmendmentChangesRequested => this with { Status = AmendmentStatus.ChangesRequested },
        AmendmentApproved e => this with { Status = AmendmentStatus.Approved, ApprovedOn = e.ApprovedOn, AcceptedAsNotification = e.AsNotification },
        AmendmentRejected => this with { Status = AmendmentStatus.Rejected },
        AmendmentWithdrawn => this with { Status = AmendmentStatus.Withdrawn },
        _ => throw Fold.Unknown<AmendmentState>(@event),
    };
}
