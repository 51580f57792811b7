using System;
using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>
/// The ethics gate's answer for one activity: covered by a protocol version, or not covered with a
/// headline, the details per protocol and what would fix it — as data, so apps and the cycle show
/// the parts they need without matching text.
/// </summary>
public sealed record EthicsGateDecision
{
    private EthicsGateDecision(
        ResearchActivity activity, ProtocolId? protocol, int? version, string? headline, ValueList<string> details, ValueList<string> remedies, LaterCoverage? coveredLater, ProtocolBreach? breach = null)
    {
        Breach = breach;
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        Protocol = protocol;
        ProtocolVersion = version;
        Headline = headline;
        Details = details;
        Remedies = remedies;
        CoveredLater = coveredLater;
    }

    /// <summary>Gets the activity asked about.</summary>
    public ResearchActivity Activity { get; }

    /// <summary>Gets whether an approved, unexpired protocol version covers it on its date.</summary>
    public bool IsCovered => Headline is null;

    /// <summary>Gets the covering protocol, when covered.</summary>
    public ProtocolId? Protocol { get; }

    /// <summary>Gets the covering protocol's version number, when covered.</summary>
    public int? ProtocolVersion { get; }

    /// <summary>Gets the one sentence that says the activity is not covered on its date; <see langword="null"/> when covered.</summary>
    public string? Headline { get; }

    /// <summary>Gets why, protocol by protocol, each a sentence (what a protocol lacks, or its standing on the date); empty when covered.</summary>
    public ValueList<string> Details { get; }

    /// <summary>Gets what would cover it ("amend protocol 'KWTRP-2' to add facility-managers", "re-date the activity to 2013-09-20 or later"); empty when covered.</summary>
    public ValueList<string> Remedies { get; }

    /// <summary>Gets the earliest later day a protocol version covers the activity, when not covered on its date but covered later: re-date the activity instead of amending.</summary>
    public LaterCoverage? CoveredLater { get; }

    /// <summary>
    /// Gets the protocol the activity deviates from, when not covered and some protocol of the site would have covered it
    /// (a lapsed approval) or was approved on the date without covering it; <see langword="null"/> when covered or when no
    /// protocol of the site is approved or lapsed. A deviation opened for the activity names it.
    /// </summary>
    public ProtocolBreach? Breach { get; }

    /// <summary>Gets the headline, then the details: every reason, each once; empty when covered.</summary>
    public ValueList<string> Reasons => Headline is null ? [] : Details.Insert(0, Headline);

    /// <summary>A decision that the activity is covered.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="protocol">The covering protocol.</param>
    /// <param name="version">The covering version.</param>
    /// <returns>The decision.</returns>
    public static EthicsGateDecision Covered(ResearchActivity activity, ProtocolId protocol, int version)
        => new(activity, Preconditions.CheckId(protocol, nameof(protocol)), version, null, [], [], null);

    /// <summary>A decision that the activity is not covered.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="headline">The one sentence saying it is not covered on its date.</param>
    /// <param name="details">Why, protocol by protocol.</param>
    /// <param name="remedies">What would fix it.</param>
    /// <param name="breach">The protocol the activity deviates from, when one is known (see <see cref="Breach"/>).</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">A blank headline, detail or remedy.</exception>
    public static EthicsGateDecision NotCovered(ResearchActivity activity, string headline, IEnumerable<string> details, IEnumerable<string> remedies, ProtocolBreach? breach = null)
        => NotCovered(activity, headline, details, remedies, (LaterCoverage?)null, breach);

    /// <summary>A decision that the activity is not covered on its date, with the later coverage when a later version covers it.</summary>
    internal static EthicsGateDecision NotCovered(ResearchActivity activity, string headline, IEnumerable<string> details, IEnumerable<string> remedies, LaterCoverage? later, ProtocolBreach? breach)
        => new(
            activity,
            null,
            null,
            Preconditions.CheckText(headline, nameof(headline)),
            Preconditions.CheckTexts(new ValueList<string>(details), nameof(details)),
            Preconditions.CheckTexts(new ValueList<string>(remedies), nameof(remedies)),
            later,
            breach);
}

/// <summary>A protocol version that covers an activity from a day later than the activity's date.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Version">The version that covers it.</param>
/// <param name="From">The first day it covers the activity.</param>
public sealed record LaterCoverage(ProtocolId Protocol, int Version, LocalDate From);
