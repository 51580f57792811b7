using System.Collections.Generic;

namespace CoProduction.Ethics;

/// <summary>
/// The ethics gate's answer for one activity: covered by a protocol version, or not covered with
/// the reasons and what would fix it.
/// </summary>
/// <param name="Activity">The activity asked about.</param>
/// <param name="IsCovered">Whether an approved, unexpired protocol version covers it on its date.</param>
/// <param name="Protocol">The covering protocol, when covered.</param>
/// <param name="ProtocolVersion">The covering protocol's version number, when covered.</param>
/// <param name="Reasons">Why it is not covered, each a sentence naming the activity and the date; empty when covered.</param>
/// <param name="Remedies">What would cover it ("amend protocol KWTRP-2 to add journaling", "open a sub-study protocol"); empty when covered.</param>
public sealed record EthicsGateDecision(
    ResearchActivity Activity,
    bool IsCovered,
    ProtocolId? Protocol,
    int? ProtocolVersion,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remedies)
{
    /// <summary>A decision that the activity is covered.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="protocol">The covering protocol.</param>
    /// <param name="version">The covering version.</param>
    /// <returns>The decision.</returns>
    public static EthicsGateDecision Covered(ResearchActivity activity, ProtocolId protocol, int version)
        => new(activity, true, protocol, version, [], []);

    /// <summary>A decision that the activity is not covered.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="reasons">Why not.</param>
    /// <param name="remedies">What would fix it.</param>
    /// <returns>The decision.</returns>
    public static EthicsGateDecision NotCovered(ResearchActivity activity, IReadOnlyList<string> reasons, IReadOnlyList<string> remedies)
        => new(activity, false, null, null, reasons, remedies);
}
