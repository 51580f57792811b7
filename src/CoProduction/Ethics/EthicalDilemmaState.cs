using CoProduction.Events;
using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <summary>An ethical dilemma as its history made it: the fold of its events.</summary>
public sealed record EthicalDilemmaState
{
    private EthicalDilemmaState()
    {
    }

    /// <summary>Gets the dilemma's id.</summary>
    public DilemmaId Id { get; private init; }

    /// <summary>Gets where it arose.</summary>
    public SiteId Site { get; private init; }

    /// <summary>Gets the protocol concerned, if any.</summary>
    public ProtocolId? Protocol { get; private init; }

    /// <summary>Gets what the dilemma is.</summary>
    public string Description { get; private init; } = string.Empty;

    /// <summary>Gets the machine's current stage.</summary>
    public DilemmaStatus Status { get; private init; }

    /// <summary>Gets the notes of every discussion, oldest first.</summary>
    public ValueList<string> Discussions { get; private init; }

    /// <summary>Gets how it was resolved, once resolved.</summary>
    public string? Resolution { get; private init; }

    /// <summary>Gets to whom it was escalated, once escalated.</summary>
    public string? EscalatedTo { get; private init; }

    /// <summary>Gets the amendment an escalation led to, if any.</summary>
    public AmendmentId? Amendment { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static EthicalDilemmaState Initial { get; } = new();

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal EthicalDilemmaState Apply(IDilemmaEvent @event) => @event switch
    {
        DilemmaRaised e => this with { Id = e.Dilemma, Site = e.Site, Protocol = e.Protocol, Description = e.Description },
        DilemmaDiscussed e => this with { Status = DilemmaStatus.Discussed, Discussions = Discussions.Add(e.Notes) },
        DilemmaResolved e => this with { Status = DilemmaStatus.Resolved, Resolution = e.Resolution },
        DilemmaEscalated e => this with { Status = DilemmaStatus.Escalated, EscalatedTo = e.To, Amendment = e.Amendment },
        _ => throw Fold.Unknown<EthicalDilemmaState>(@event),
    };
}
