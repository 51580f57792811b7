using NodaTime;

namespace CoProduction.Cycles;

/// <summary>
/// The ethics gate's finding that an action's activity was not covered by any approved protocol on
/// the action's date: the fact a protocol deviation is opened from.
/// </summary>
/// <param name="Activity">The activity acted on.</param>
/// <param name="On">The action's date.</param>
/// <param name="Reasons">The gate's reasons, each a sentence.</param>
/// <param name="Remedies">What the gate says would cover it.</param>
/// <param name="Protocol">The protocol the action deviates from (<see cref="Ethics.ProtocolBreach"/>): the one whose approval lapsed, else the site's protocol whose scope it goes beyond; <see langword="null"/> in histories recorded before deviations were opened by rule.</param>
/// <param name="ProtocolVersion">The version of <paramref name="Protocol"/> that lapsed (or was in force), when named.</param>
public sealed record ApprovalLapse(ActivityId Activity, LocalDate On, ValueList<string> Reasons, ValueList<string> Remedies, ProtocolId? Protocol = null, int? ProtocolVersion = null);
