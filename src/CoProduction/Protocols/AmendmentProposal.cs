using System;

namespace CoProduction.Protocols;

/// <summary>What an amendment proposes: why, what it changes, and whether it is substantial. Checked when built.</summary>
public sealed record AmendmentProposal
{
    /// <summary>Creates a proposal.</summary>
    /// <param name="rationale">Why the change is needed; free text, not blank.</param>
    /// <param name="changes">What it changes.</param>
    /// <exception cref="ArgumentException">A blank rationale.</exception>
    public AmendmentProposal(string rationale, AmendmentChanges changes)
    {
        Rationale = Preconditions.CheckText(rationale, nameof(rationale));
        Changes = changes ?? throw new ArgumentNullException(nameof(changes));
    }

    /// <summary>Gets why the change is needed.</summary>
    public string Rationale { get; }

    /// <summary>Gets what it changes.</summary>
    public AmendmentChanges Changes { get; }

    /// <summary>Gets whether the committee must review it: <see langword="true"/> unless set (a non-substantial one may be accepted as a notification).</summary>
    public bool Substantial { get; init; } = true;
}
