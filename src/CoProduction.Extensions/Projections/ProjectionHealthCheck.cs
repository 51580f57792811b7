using CoProduction.DependencyInjection;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CoProduction.Projections;

/// <summary>
/// Reports whether the read models are current: a failure (the registration's failure status) when a projection
/// is more than <see cref="CoProductionOptions.ProjectionLagThreshold"/> events behind the feed or the last
/// pass failed; degraded when events are parked; healthy otherwise. Each projection's lag and parked count are in the data.
/// </summary>
/// <remarks>
/// Registered by <c>AddCoProduction</c>; add it to the app's checks with
/// <c>services.AddHealthChecks().AddCheck&lt;ProjectionHealthCheck&gt;("coproduction-projections")</c>.
/// </remarks>
public sealed class ProjectionHealthCheck : IHealthCheck
{
    private readonly ProjectionRunner runner;
    private readonly IOptionsMonitor<CoProductionOptions> options;

    internal ProjectionHealthCheck(ProjectionRunner runner, IOptionsMonitor<CoProductionOptions> options)
    {
        this.runner = runner;
        this.options = options;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        IReadOnlyList<ProjectionStatus> statuses;
        try
        {
            statuses = await runner.StatusAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An unreachable store is the check's answer, not its crash.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(failure, "The projections' store cannot be read.", exception);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            data[status.Name + ".lag"] = status.Lag;
            data[status.Name + ".parked"] = status.Parked;
        }

        var threshold = options.CurrentValue.ProjectionLagThreshold;
        var behind = statuses.Where(s => s.Lag > threshold).ToList();
        if (behind.Count > 0)
        {
            return new HealthCheckResult(
                failure,
                string.Create(CultureInfo.InvariantCulture, $"Behind the feed by more than {threshold} events: {string.Join(", ", behind.Select(s => $"{s.Name} ({s.Lag})"))}."),
                runner.LastFailure,
                data);
        }

        if (runner.LastFailure is { } last)
        {
            return new HealthCheckResult(failure, "The last projection pass failed.", last, data);
        }

        var parked = statuses.Where(s => s.Parked > 0).ToList();
        return parked.Count > 0
            ? HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"Events are parked: {string.Join(", ", parked.Select(s => $"{s.Name} ({s.Parked})"))}; fix the projection and rebuild it."),
                data: data)
            : HealthCheckResult.Healthy("Every projection is within the lag threshold.", data);
    }
}
