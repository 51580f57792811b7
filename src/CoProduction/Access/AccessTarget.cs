namespace CoProduction.Access;

/// <summary>What a command addresses, as the access policy needs it: the sites, the protocol's parties, the programme, the endorser.</summary>
/// <param name="Aggregate">What is addressed, for messages, for example <c>cycle 'kilifi-2016'</c>.</param>
/// <param name="Sites">The sites whose team may act on it: the cycle's site, the protocol's scope, the dilemma's site; empty when none.</param>
public sealed record AccessTarget(string Aggregate, ValueList<SiteId> Sites)
{
    /// <summary>Gets the protocol's principal investigator (the actor who drafted it), for protocol, amendment and deviation commands.</summary>
    public Actor? PrincipalInvestigator { get; init; }

    /// <summary>Gets the protocol's ethics committee, for protocol, amendment and deviation commands.</summary>
    public CommitteeId? Committee { get; init; }

    /// <summary>Gets the programme, for a programme's own commands.</summary>
    public ProgrammeId? Programme { get; init; }

    /// <summary>Gets the member whose endorsement the command records, for <see cref="AccessRule.EndorsingMember"/>.</summary>
    public MemberId? Endorser { get; init; }
}
