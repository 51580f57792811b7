using System;
using System.Globalization;

namespace CoProduction;

/// <summary>
/// A stored history cannot be replayed: an event does not fit the transition table of its
/// aggregate's state machine in the state the earlier events produced, or belongs to another
/// aggregate type. Loading fails rather than producing a state the machine does not define.
/// </summary>
public sealed class InvalidHistoryException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="aggregate">What was being loaded, for example <c>cycle 'kilifi-2016'</c>.</param>
    /// <param name="version">The 1-based version of the offending event.</param>
    /// <param name="eventType">The offending event's type name.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    public InvalidHistoryException(string aggregate, long version, string eventType, string problem)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The history of {aggregate} cannot be replayed at version {version} ({eventType}): {problem}"))
    {
        Aggregate = aggregate;
        Version = version;
        EventType = eventType;
    }

    /// <summary>Gets what was being loaded.</summary>
    public string Aggregate { get; }

    /// <summary>Gets the 1-based version of the offending event.</summary>
    public long Version { get; }

    /// <summary>Gets the offending event's type name.</summary>
    public string EventType { get; }
}
