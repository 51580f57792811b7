using System.Collections.Generic;
using System.Linq;

namespace CoProduction.Scheduling;

/// <summary>
/// A linked cadence cannot be followed: the series links to itself, the links form a cycle, or
/// the base series is not among the series being scheduled together.
/// </summary>
public sealed class CadenceLinkException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="chain">The series along the link, starting with the one that cannot be scheduled.</param>
    /// <param name="message">What is wrong and what to do instead.</param>
    public CadenceLinkException(IEnumerable<SeriesId> chain, string message)
        : base(message)
        => Chain = chain.ToValueList();

    /// <summary>Gets the series along the link, starting with the one that cannot be scheduled.</summary>
    public ValueList<SeriesId> Chain { get; }
}
