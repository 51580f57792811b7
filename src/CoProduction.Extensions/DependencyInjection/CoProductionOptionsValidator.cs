using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CoProduction.DependencyInjection;

/// <summary>Checks <see cref="CoProductionOptions"/> against the registered time-zone provider; every failure names its option.</summary>
internal sealed class CoProductionOptionsValidator(IDateTimeZoneProvider zones) : IValidateOptions<CoProductionOptions>
{
    public ValidateOptionsResult Validate(string? name, CoProductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DefaultTimeZone) || zones.GetZoneOrNull(options.DefaultTimeZone) is null)
        {
            failures.Add(
                $"CoProduction:{nameof(CoProductionOptions.DefaultTimeZone)} '{options.DefaultTimeZone}' is not a time-zone id known to {zones.VersionId} (use an IANA id such as 'Africa/Nairobi').");
        }

        var leadDays = new HashSet<int>();
        for (var i = 0; i < options.ReminderLeadTimeDays.Count; i++)
        {
            var days = options.ReminderLeadTimeDays[i];
            if (days is < 1 or > 366)
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"CoProduction:{nameof(CoProductionOptions.ReminderLeadTimeDays)}:{i} is {days}; a lead time is 1 to 366 days before the approval lapses."));
            }
            else if (!leadDays.Add(days))
            {
                // Repeats are refused, never dropped (docs/limits.md); configuration binding appends, so a list bound twice shows here.
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"CoProduction:{nameof(CoProductionOptions.ReminderLeadTimeDays)}:{i} is {days}, already listed; list each lead time once."));
            }
        }

        if (options.CoreManagerEngagementDays is < 1 or > 3650)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.CoreManagerEngagementDays)} is {options.CoreManagerEngagementDays}; it is 1 to 3650 days."));
        }

        Check(options.SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), nameof(CoProductionOptions.SweepInterval), failures);
        Check(options.NotificationPollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), nameof(CoProductionOptions.NotificationPollInterval), failures);
        if (options.NotificationBatchSize is < 1 or > 10_000)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.NotificationBatchSize)} is {options.NotificationBatchSize}; it is 1 to 10000."));
        }

        if (options.NotificationAttempts is < 1 or > 100)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.NotificationAttempts)} is {options.NotificationAttempts}; it is 1 to 100."));
        }

        Check(options.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(CoProductionOptions.LeaseDuration), failures);
        Check(options.LeaseRenewal, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), nameof(CoProductionOptions.LeaseRenewal), failures);
        if (options.LeaseRenewal >= options.LeaseDuration)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.LeaseRenewal)} is {options.LeaseRenewal:c}, not shorter than {nameof(CoProductionOptions.LeaseDuration)} {options.LeaseDuration:c}; the holder must renew its lease before it lapses, or another process takes over while it still delivers."));
        }

        if (options.CommandAttempts is < 1 or > 10)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.CommandAttempts)} is {options.CommandAttempts}; it is 1 to 10."));
        }

        if (options.CommandRetryDelay < TimeSpan.Zero || options.CommandRetryDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.CommandRetryDelay)} is {options.CommandRetryDelay}; it is zero to 10 seconds."));
        }

        if (options.ProjectionBatchSize is < 1 or > 10_000)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.ProjectionBatchSize)} is {options.ProjectionBatchSize}; it is 1 to 10000."));
        }

        if (options.ProjectionLagThreshold is < 0 or > 1_000_000_000)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"CoProduction:{nameof(CoProductionOptions.ProjectionLagThreshold)} is {options.ProjectionLagThreshold}; it is 0 to 1000000000."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(TimeSpan value, TimeSpan min, TimeSpan max, string option, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"CoProduction:{option} is {value:c}; it is {min:c} to {max:c}."));
        }
    }
}
