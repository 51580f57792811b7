using System;

namespace CoProduction.Protocols;

/// <summary>What drafting an amendment records: its id and what it proposes. Checked when built.</summary>
public sealed record AmendmentDraft
{
    /// <summary>Creates the details of an amendment to draft.</summary>
    /// <param name="id">The amendment's id.</param>
    /// <param name="rationale">Why the change is needed; free text, not blank.</param>
    /// <param name="changes">What it changes; removals must be in the protocol's scope, additions not yet.</param>
    /// <exception cref="ArgumentException">A default id or a blank rationale.</exception>
    public AmendmentDraft(AmendmentId id, string rationale, AmendmentChanges changes)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Proposal = new AmendmentProposal(rationale, changes);
    }

    /// <summary>Gets the amendment's id.</summary>
    public AmendmentId Id { get; }

    /// <summary>Gets why the change is needed.</summary>
    public string Rationale => Proposal.Rationale;

    /// <summary>Gets what it changes.</summary>
    public AmendmentChanges Changes => Proposal.Changes;

    /// <summary>Gets whether the committee must review it: <see langword="true"/> unless set.</summary>
    public bool Substantial
    {
        get => Proposal.Substantial;
        init => Proposal = Proposal with { Substantial = value };
    }

    /// <summary>Gets what it proposes, as a revision would.</summary>
    internal AmendmentProposal Proposal { get; private init; }
}
