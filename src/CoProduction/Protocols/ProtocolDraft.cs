using System;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>What drafting a protocol records: checked when built, so an invalid draft cannot exist.</summary>
public sealed record ProtocolDraft
{
    /// <summary>Creates the details of a protocol to draft.</summary>
    /// <param name="id">The protocol's id, for example <c>KWTRP-2</c>.</param>
    /// <param name="title">The title; a name (one line, not blank, not padded).</param>
    /// <param name="committee">The reviewing committee.</param>
    /// <param name="scope">The proposed scope.</param>
    /// <exception cref="ArgumentException">A default id, or a blank or padded title.</exception>
    public ProtocolDraft(ProtocolId id, string title, CommitteeId committee, ProtocolScope scope)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Title = Preconditions.CheckName(title, nameof(title));
        Committee = Preconditions.CheckId(committee, nameof(committee));
        Scope = scope ?? throw new ArgumentNullException(nameof(scope));
    }

    /// <summary>Gets the protocol's id.</summary>
    public ProtocolId Id { get; }

    /// <summary>Gets the title.</summary>
    public string Title { get; }

    /// <summary>Gets the reviewing committee.</summary>
    public CommitteeId Committee { get; }

    /// <summary>Gets the proposed scope.</summary>
    public ProtocolScope Scope { get; }

    /// <summary>Gets the institution that holds the protocol; a name.</summary>
    /// <exception cref="ArgumentException">Set to a blank or padded name.</exception>
    public required string Institution
    {
        get;
        init => field = Preconditions.CheckName(value, nameof(Institution));
    }

    /// <summary>Gets the kind: <see cref="ProtocolKind.Main"/> unless set.</summary>
    /// <remarks>A sub-study names its <see cref="Parent"/>; <see cref="Protocol.Draft"/> refuses a sub-study without one and a parent on another kind.</remarks>
    /// <exception cref="ArgumentException">Set to an undefined kind.</exception>
    public ProtocolKind Kind
    {
        get;
        init => field = Preconditions.CheckDefined(value, nameof(Kind));
    }

        = ProtocolKind.Main;

    /// <summary>
    /// Gets the day the protocol was drafted, when it is not the day of the command (a protocol recorded
    /// after the fact); <see langword="null"/> unless set. No approval is dated before it.
    /// </summary>
    /// <exception cref="InputLimitException">Set to a date before <see cref="Protocol.EarliestDecisionDate"/>.</exception>
    public LocalDate? DraftedOn
    {
        get;
        init => field = value is { } on && on < Protocol.EarliestDecisionDate
            ? throw new InputLimitException(
                nameof(DraftedOn), "a drafting date", InputRule.Implausible, 0, on.Iso(), $"it is before {Protocol.EarliestDecisionDate.Iso()}, the Declaration of Helsinki")
            : value;
    }

    /// <summary>Gets the parent protocol: required for a sub-study, not allowed otherwise.</summary>
    /// <exception cref="ArgumentException">Set to a default id, or to this protocol's own id.</exception>
    public ProtocolId? Parent
    {
        get;
        init
        {
            field = Preconditions.CheckOptionalId(value, nameof(Parent));
            if (field == Id)
            {
                throw new ArgumentException($"Protocol '{Id}' cannot be its own parent.", nameof(Parent));
            }
        }
    }

    /// <summary>Refuses a sub-study without a parent and a parent on another kind; checked once every property is set.</summary>
    internal void CheckParent()
    {
        if (Kind == ProtocolKind.SubStudy && Parent is null)
        {
            throw new ArgumentException($"Sub-study protocol '{Id}' needs its parent protocol.", nameof(Parent));
        }

        if (Kind != ProtocolKind.SubStudy && Parent is not null)
        {
            throw new ArgumentException($"Only a sub-study has a parent protocol; '{Id}' is {Kind}.", nameof(Parent));
        }
    }
}
