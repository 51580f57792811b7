using System;

namespace CoProduction.Cycles;

/// <summary>
/// What starting a cycle records besides its zone (which comes from the site): checked when built,
/// so an invalid one cannot exist. Pass it to <see cref="Cycle.Start"/>.
/// </summary>
public sealed record CycleOpening
{
    /// <summary>Creates the details of a cycle to start.</summary>
    /// <param name="id">The cycle's id.</param>
    /// <param name="site">The learning site; the roster of the rules must know it (its zone is the site's).</param>
    /// <param name="number">The cycle's number in the site's sequence, from 1.</param>
    /// <param name="focus">What the cycle is about; a title (one line, not blank, not padded).</param>
    /// <exception cref="ArgumentException">A default id or site, a number below 1, or a blank or padded focus.</exception>
    public CycleOpening(CycleId id, SiteId site, int number, string focus)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Site = Preconditions.CheckId(site, nameof(site));
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Number = number;
        Focus = Preconditions.CheckName(focus, nameof(focus));
    }

    /// <summary>Gets the cycle's id.</summary>
    public CycleId Id { get; }

    /// <summary>Gets the learning site.</summary>
    public SiteId Site { get; }

    /// <summary>Gets the cycle's number in the site's sequence, from 1.</summary>
    public int Number { get; }

    /// <summary>Gets what the cycle is about.</summary>
    public string Focus { get; }

    /// <summary>Gets how long working stages are expected to take; optional, at most one per stage.</summary>
    /// <exception cref="ArgumentException">Set with a <see langword="null"/> item.</exception>
    /// <exception cref="InputLimitException">Set with two lengths for one stage (<see cref="InputRule.Repeated"/>, naming <c>ExpectedStageLengths</c> and the stage).</exception>
    public ValueList<ExpectedStageLength> ExpectedStageLengths
    {
        get;
        init
        {
            foreach (var length in value)
            {
                ArgumentNullException.ThrowIfNull(length, nameof(ExpectedStageLengths));
            }

            field = Preconditions.CheckDistinctBy(value, static length => length.Stage, nameof(ExpectedStageLengths));
        }
    }
}
