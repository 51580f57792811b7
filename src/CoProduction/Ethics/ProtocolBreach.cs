using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <summary>
/// The protocol an uncovered activity deviates from, as the ethics gate found it: the one whose version would cover it
/// but whose approval was not current on the activity's date (a lapse), else the site's approved protocol whose scope
/// it goes beyond. What a protocol deviation names.
/// </summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Version">The version that would have covered the activity (a lapse), or the version in force on the date.</param>
/// <param name="Status">The protocol's standing on the activity's date: <see cref="ProtocolStatus.Expired"/> or <see cref="ProtocolStatus.Suspended"/> for a lapse, <see cref="ProtocolStatus.Approved"/> when the activity is outside its scope.</param>
/// <param name="PausesStudy">
/// Whether research under it is paused now: its approval is still lapsed today and its committee's policy sets
/// <see cref="CommitteePolicy.LateRenewalPausesStudy"/>. Data collection is then refused until renewal.
/// </param>
/// <param name="Committee">The protocol's committee.</param>
public sealed record ProtocolBreach(ProtocolId Protocol, int Version, ProtocolStatus Status, bool PausesStudy, CommitteeId Committee)
{
    /// <summary>Gets whether the breach is a lapsed approval (the scope would have covered the activity).</summary>
    public bool IsLapse => Status != ProtocolStatus.Approved;
}
