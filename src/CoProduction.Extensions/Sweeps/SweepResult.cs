using System.Collections.Generic;
using CoProduction.Scheduling;

namespace CoProduction.Sweeps;

/// <summary>What one background sweep did.</summary>
/// <param name="ProtocolsExpired">How many protocols it recorded as expired because their approval period had passed.</param>
/// <param name="Due">Every reminder due at the sweep's instant, ordered by due instant then id.</param>
/// <param name="Delivered">How many (handler, reminder) deliveries succeeded on this sweep; reminders a handler already had are not counted.</param>
public sealed record SweepResult(int ProtocolsExpired, IReadOnlyList<Reminder> Due, int Delivered)
{
    /// <summary>
    /// Gets whether this process swept. <see langword="false"/> when another process held the sweep lease: nothing was
    /// done here, and <see cref="Due"/> is empty.
    /// </summary>
    public bool Swept { get; init; } = true;
}
