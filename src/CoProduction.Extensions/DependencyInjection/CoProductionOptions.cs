using System;
using System.Collections.Generic;
using CoProduction.Cycles;
using NodaTime;

namespace CoProduction.DependencyInjection;

/// <summary>
/// Options for CoProduction in an app: the default zone, reminder lead times, cycle policies and
/// how often the background work runs. Bound from configuration or set in code; validated when
/// the app starts, and an invalid value stops start-up with a message naming the option.
/// </summary>
/// <remarks>
/// Intervals are <see cref="TimeSpan"/>s so that configuration binds them from the usual
/// <c>hh:mm:ss</c> text; everything inside the library works in NodaTime.
/// </remarks>
public sealed class CoProductionOptions
{
    /// <summary>The usual configuration section name, <c>CoProduction</c>: pass it to <c>AddCoProduction(string)</c> to bind options from that section.</summary>
    public const string DefaultSectionName = "CoProduction";

    /// <summary>
    /// Gets or sets the IANA time-zone id used where a site has none of its own (for example
    /// for programme-wide reminders). Must be known to the registered <see cref="IDateTimeZoneProvider"/>.
    /// Default: <c>UTC</c>.
    /// </summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>
    /// Gets the days before an approval lapses at which reminders are raised, when no committee policy
    /// is registered for the protocol's committee. Each must be between 1 and 366, and listed once. Empty (the default)
    /// means 60, 30, 15 and 7 days.
    /// </summary>
    /// <remarks>Empty by default so that configuration binding (which appends) sets exactly the listed days.</remarks>
    public IList<int> ReminderLeadTimeDays { get; } = [];

    /// <summary>
    /// Gets or sets whether leaving Planning needs an endorsement by a researcher and by a manager
    /// (collective leadership). Default: <see langword="true"/>.
    /// </summary>
    public bool RequireCollectiveEndorsement { get; set; } = true;

    /// <summary>Gets or sets whether leaving Reflecting needs a reflection with a manager present. Default: <see langword="true"/>.</summary>
    public bool RequireManagerAtReflection { get; set; } = true;

    /// <summary>
    /// Gets or sets what happens to an action on a data-collecting activity that no approved protocol
    /// covers on the action's date. Default: <see cref="OutOfApprovalActions.Refuse"/>.
    /// </summary>
    public OutOfApprovalActions OutOfApprovalActions { get; set; } = OutOfApprovalActions.Refuse;

    /// <summary>
    /// Gets or sets how many days a core manager may go without engagement before a reminder is
    /// raised. Between 1 and 3,650. Default: 90.
    /// </summary>
    public int CoreManagerEngagementDays { get; set; } = 90;

    /// <summary>
    /// Gets or sets how often the background service runs the expiry sweep and the reminder
    /// planner. Between one second and one day. Default: one hour.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how often notification handlers are offered events committed by other
    /// processes (events committed through this app are offered at once). Between 100 ms and one hour. Default: 5 seconds.
    /// </summary>
    public TimeSpan NotificationPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many events a notification pass reads at a time. Between 1 and 10,000. Default: 500.</summary>
    public int NotificationBatchSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets how many times a notification handler is offered the same event before it is parked (see
    /// <see cref="Projections.IParkedEventStore"/>) and the handler goes on with the next one. Between 1 and 100. Default: 5.
    /// An event the app cannot read is parked at once.
    /// </summary>
    public int NotificationAttempts { get; set; } = 5;

    /// <summary>
    /// Gets or sets how long the lease that elects the one process delivering notifications (and the one sweeping) lasts
    /// unless its holder renews it: after a holder dies, another process takes over within this time.
    /// Between one second and one hour, and longer than <see cref="LeaseRenewal"/>. Default: 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long after taking or renewing its lease a holder renews it (and how often a process that does
    /// not hold it asks again). Between 100 ms and one hour, and shorter than <see cref="LeaseDuration"/>. Default: 10 seconds.
    /// </summary>
    public TimeSpan LeaseRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many events a projection folds in one atomic step. Between 1 and 10,000. Default: 1,000.</summary>
    public int ProjectionBatchSize { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how many events a projection may be behind the feed before the projection health check
    /// reports a failure. Between 0 and 1,000,000,000. Default: 1,000.
    /// </summary>
    public long ProjectionLagThreshold { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how many times a command (on one aggregate or a workflow across several) is tried when another writer
    /// changed one of its streams first: each try reloads, decides again and writes, so a conflict is retried, never merged.
    /// Between 1 and 10. Default: 3.
    /// </summary>
    public int CommandAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets the longest pause before a command's next try; each pause is a random fraction of it times the try's
    /// number (jitter, so racing writers do not collide again). Between zero and ten seconds. Default: 20 ms.
    /// </summary>
    public TimeSpan CommandRetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);
}
