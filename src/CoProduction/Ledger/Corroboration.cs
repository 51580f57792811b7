namespace CoProduction.Ledger;

/// <summary>What corroborates a claimed impact: the evidence and who observed it. Checked when built.</summary>
/// <remarks>Who observed it is named by team, office or position ("Kilifi county assembly", "DFID annual review"), not by a person's name: the ledger keeps no personal data in free text.</remarks>
public sealed record Corroboration
{
    /// <summary>Creates a corroboration.</summary>
    /// <param name="evidence">The evidence (a gazetted act, a policy document, minutes, an independent review); free text, not blank.</param>
    /// <param name="observedBy">Who observed it, by team, office or position; a name, not blank or padded.</param>
    /// <exception cref="System.ArgumentException">A blank evidence, or a blank or padded observer.</exception>
    public Corroboration(string evidence, string observedBy)
    {
        Evidence = Preconditions.CheckText(evidence, nameof(evidence));
        ObservedBy = Preconditions.CheckName(observedBy, nameof(observedBy));
    }

    /// <summary>Gets the evidence.</summary>
    public string Evidence { get; }

    /// <summary>Gets who observed it.</summary>
    public string ObservedBy { get; }
}
