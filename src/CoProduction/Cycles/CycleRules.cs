using System;
using CoProduction.Ethics;
using CoProduction.Sites;
using NodaTime;
using System.Diagnostics.Contracts;

namespace CoProduction.Cycles;

/// <summary>
/// What a cycle's commands consult besides the cycle itself: the ethics gate, the site's roster,
/// the time-zone provider (to read dates in the site's zone) and the policy.
/// </summary>
/// <remarks>
/// A cycle keeps none of these: every command takes them in its <see cref="CycleContext"/>
/// (<c>rules.At(stamp)</c>), so a loaded cycle is plain data. Build one per app (the DI layer registers it) or per test.
/// </remarks>
public sealed class CycleRules
{
    /// <summary>Creates the rules.</summary>
    /// <param name="ethicsGate">Answers whether an activity is covered by an approved protocol on a date.</param>
    /// <param name="roster">Answers who held which roles at a site on a date.</param>
    /// <param name="timeZones">Resolves the site's time-zone id recorded when the cycle started (tzdb).</param>
    /// <param name="policy">The policy; <see cref="CyclePolicy.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">A dependency is <see langword="null"/>.</exception>
    public CycleRules(IEthicsGate ethicsGate, ITeamRoster roster, IDateTimeZoneProvider timeZones, CyclePolicy? policy = null)
    {
        EthicsGate = ethicsGate ?? throw new ArgumentNullException(nameof(ethicsGate));
        Roster = roster ?? throw new ArgumentNullException(nameof(roster));
        TimeZones = timeZones ?? throw new ArgumentNullException(nameof(timeZones));
        Policy = policy ?? CyclePolicy.Default;
    }

    /// <summary>Gets the ethics gate.</summary>
    public IEthicsGate EthicsGate { get; }

    /// <summary>Gets the site's roster.</summary>
    public ITeamRoster Roster { get; }

    /// <summary>Gets the time-zone provider.</summary>
    public IDateTimeZoneProvider TimeZones { get; }

    /// <summary>Gets the policy.</summary>
    public CyclePolicy Policy { get; }

    /// <summary>The context of one command: these rules with its stamp. The one way to build a <see cref="CycleContext"/>.</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentException"><paramref name="stamp"/> is <c>default</c>.</exception>
    [System.Diagnostics.Contracts.Pure]
    public CycleContext At(Stamp stamp) => new(stamp, this);

    /// <summary>Returns the same dependencies with another policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>New rules; these are unchanged.</returns>
    [System.Diagnostics.Contracts.Pure]
    public CycleRules With(CyclePolicy policy) => new(EthicsGate, Roster, TimeZones, policy ?? throw new ArgumentNullException(nameof(policy)));
}
