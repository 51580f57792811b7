namespace CoProduction.Ethics;

/// <summary>
/// Answers whether a research activity is permitted: some protocol that is approved and unexpired
/// on the activity's date has a scope covering its method, respondent group and site.
/// </summary>
/// <remarks>
/// The cycle's planning guard asks the gate about every planned activity that collects data; the
/// protocols part of the library implements it from protocol histories. Implementations are pure
/// functions of what they were built from: they never read the clock.
/// </remarks>
public interface IEthicsGate
{
    /// <summary>Checks one activity.</summary>
    /// <param name="activity">The activity, with its date.</param>
    /// <returns>Covered by a protocol version, or not covered with reasons and remedies.</returns>
    EthicsGateDecision Check(ResearchActivity activity);
}
