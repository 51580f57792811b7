using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CoProduction.Telemetry;

/// <summary>
/// The library's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <c>CoProduction</c>, with dotted instrument names. Subscribe with OpenTelemetry's
/// <c>AddMeter("CoProduction")</c> and <c>AddSource("CoProduction")</c>.
/// </summary>
public static class CoProductionTelemetry
{
    /// <summary>The name of the meter and of the activity source: <c>CoProduction</c>.</summary>
    public const string Name = "CoProduction";

    /// <summary>Counter of accepted commands, tagged <c>coproduction.aggregate</c> and <c>coproduction.command</c> (the wire name of the command's first event).</summary>
    public const string CommandsAccepted = "coproduction.commands.accepted";

    /// <summary>Counter of rejected commands, tagged <c>coproduction.aggregate</c>, <c>coproduction.command</c> (the refused trigger) and <c>coproduction.state</c>.</summary>
    public const string CommandsRejected = "coproduction.commands.rejected";

    /// <summary>The counter of commands refused by the access policy (tags <c>coproduction.aggregate</c>, <c>coproduction.permission</c>, <c>coproduction.rule</c>).</summary>
    public const string CommandsDenied = "coproduction.commands.denied";

    /// <summary>Counter of appends refused because another writer got there first, tagged <c>coproduction.aggregate</c>.</summary>
    public const string ConcurrencyConflicts = "coproduction.store.conflicts";

    /// <summary>Histogram of append latency in milliseconds, tagged <c>coproduction.aggregate</c>.</summary>
    public const string AppendDuration = "coproduction.store.append.duration";

    /// <summary>Counter of notifications delivered to handlers, tagged <c>coproduction.handler</c> and <c>coproduction.outcome</c> (<c>ok</c> or <c>failed</c>).</summary>
    public const string NotificationsDelivered = "coproduction.notifications.delivered";

    /// <summary>Counter of reminders handed to reminder handlers by the background sweep (once per handler and reminder id), tagged <c>coproduction.reminder.kind</c>.</summary>
    public const string RemindersRaised = "coproduction.reminders.raised";

    /// <summary>Gauge of how many events a projection's model is behind the feed's last committed position, tagged <c>coproduction.projection</c>.</summary>
    public const string ProjectionLag = "coproduction.projections.lag";

    /// <summary>Counter of events a projection or notification handler could not read or apply and parked, tagged <c>coproduction.subscriber</c>.</summary>
    public const string EventsParked = "coproduction.events.parked";

    internal static readonly ActivitySource Source = new(Name, typeof(CoProductionTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(CoProductionTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Accepted = Meter.CreateCounter<long>(CommandsAccepted, "{command}", "Commands accepted and recorded.");

    internal static readonly Counter<long> Rejected = Meter.CreateCounter<long>(CommandsRejected, "{command}", "Commands refused by a state machine or a rule.");

    internal static readonly Counter<long> Denied = Meter.CreateCounter<long>(CommandsDenied, "{command}", "Commands refused by the access policy; nothing was recorded.");

    internal static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(ConcurrencyConflicts, "{conflict}", "Appends refused for a stale expected version.");

    internal static readonly Histogram<double> AppendLatency = Meter.CreateHistogram<double>(AppendDuration, "ms", "Time to append a command's events.");

    internal static readonly Counter<long> Delivered = Meter.CreateCounter<long>(NotificationsDelivered, "{notification}", "Notifications offered to handlers.");

    internal static readonly Gauge<long> Lag = Meter.CreateGauge<long>(ProjectionLag, "{event}", "Events a projection's model is behind the feed.");

    internal static readonly Counter<long> Parked = Meter.CreateCounter<long>(EventsParked, "{event}", "Events parked because a projection or handler could not read or apply them.");

    internal static readonly Counter<long> Reminders = Meter.CreateCounter<long>(RemindersRaised, "{reminder}", "Reminders raised by the planner.");
}
