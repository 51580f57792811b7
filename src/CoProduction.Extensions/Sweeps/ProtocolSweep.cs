using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Streams;
using CoProduction.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using CoProduction.DependencyInjection;

namespace CoProduction.Sweeps;

/// <summary>
/// The protocols' part of a sweep: records the expiry of every protocol whose approval has ended, and
/// plans its approval reminders with its committee's lead times and renewal date.
/// </summary>
/// <remarks>
/// A protocol's dates are read in its sites' zone (the zone of the sites its current scope names, as registered; of
/// several, the one where the approval lapses first), never in one global zone: a Nairobi approval lapses at midnight in
/// Nairobi. Only a protocol none of whose sites is registered falls back to <see cref="CoProductionOptions.DefaultTimeZone"/>.
/// Its committee's policy comes from the one registry (<see cref="ICommitteePolicies"/>). The expiry is a command with a stable id (<c>expiry/{protocol}/{end}</c>), so two processes sweeping at
/// once record it once. The protocols come from the protocol register's approval-end indexes (those whose
/// expiry is due, and those whose approval ends in a window around today), so a sweep costs what is due, not
/// what the store holds; each is read as a cached aggregate (without asking the store when the cache already has the
/// version the register saw), and the domain decides.
/// </remarks>
internal sealed class ProtocolSweep(
    ProtocolRegister register,
    IDocumentStore documents,
    AggregateSource aggregates,
    IEventStoreReader store,
    ProjectionRunner runner,
    IServiceScopeFactory scopes,
    ICommitteePolicies committees,
    ReminderPolicy defaults,
    IDateTimeZoneProvider zones,
    IOptionsMonitor<CoProductionOptions> options,
    ILogger<ProtocolSweep>? logger = null)
{
    /// <summary>How many days after an approval's end its reminders are still handed over (the lapse reminder's grace).</summary>
    private const int DaysAfterEnd = 31;

    private static readonly StreamCategories Categories = new(StreamCategories.Library);

    private readonly DocumentReader<ProtocolEntry> reader = new(documents, register);
    private readonly StreamChanges changes = new(store);

    // The memo of the last passes: what each protocol in today's window gave, its sites' zones, and when it was made.
    private readonly Dictionary<StreamId, Plan> plans = [];
    private readonly Dictionary<StreamId, DateTimeZone?> siteZones = [];
    private LocalDate? plannedOn;
    private string? plannedZone;

    public async Task<(int Expired, IReadOnlyList<Reminder> Reminders)> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        try
        {
            return await PlanAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // After a failure nothing of the memo is trusted: the next pass plans everything.
            Forget();
            throw;
        }
    }

    /// <summary>
    /// Plans the protocols that may have changed since the last pass: every one in today's window on the first pass of a UTC
    /// day (or after a failure, a change of the default zone, or more than <see cref="StreamChanges.MostEvents"/> events);
    /// otherwise only those whose stream or one of whose sites changed, and those whose reminders change by now.
    /// </summary>
    private async Task<(int Expired, IReadOnlyList<Reminder> Reminders)> PlanAsync(Instant now, CancellationToken cancellationToken)
    {
        // No zone's date is past UTC's next day: the protocols due by then hold every one due in its own zone now.
        var latest = now.InUtc().Date.PlusDays(1);
        var position = await runner.RequireCurrentAsync(ProtocolRegister.Self, "the protocol sweep", cancellationToken).ConfigureAwait(false);
        var changed = await changes.SinceLastAsync(position, cancellationToken).ConfigureAwait(false);
        var defaultZone = options.CurrentValue.DefaultTimeZone;
        var full = changed is null || plannedOn != now.InUtc().Date || !string.Equals(plannedZone, defaultZone, System.StringComparison.Ordinal);

        // The protocols to plan, in stream order, with the version the register (or the memo) last saw; -1 when unknown.
        var due = new SortedDictionary<string, long>(System.StringComparer.Ordinal);
        if (full)
        {
            plans.Clear();
            siteZones.Clear();
            foreach (var (stream, version) in await DueAsync(latest, cancellationToken).ConfigureAwait(false))
            {
                due[stream.Value] = version;
            }
        }
        else
        {
            foreach (var stream in changed!)
            {
                siteZones.Remove(stream);
                if (string.Equals(Categories.Classify(stream).Category, Protocol.StreamCategory, System.StringComparison.Ordinal))
                {
                    due[stream.Value] = -1;
                }
            }

            foreach (var (stream, plan) in plans)
            {
                if (plan.NextChange <= now || plan.SiteStreams.Any(changed.Contains))
                {
                    due.TryAdd(stream.Value, plan.Version);
                }
            }
        }

        var expired = 0;
        foreach (var (id, version) in due)
        {
            var stream = new StreamId(id);
            var cache = aggregates.Of<Protocol>();
            var protocol = version < 0
                ? await cache.CurrentAsync(stream, cancellationToken).ConfigureAwait(false)
                : await cache.CurrentAsync(stream, version, cancellationToken).ConfigureAwait(false);
            if (protocol is null || (!full && !IsInWindow(protocol.State, latest)))
            {
                plans.Remove(stream);
                continue;
            }

            var (zone, site) = await ZoneOfAsync(protocol, cancellationToken).ConfigureAwait(false);
            var today = now.InZone(zone).Date;
            if (protocol.IsExpiryDue(today))
            {
                protocol = await ExpireAsync(protocol, today, cancellationToken).ConfigureAwait(false);
                expired++;
            }

            plans[stream] = Planned(protocol, zone, site, now);
        }

        plannedOn = now.InUtc().Date;
        plannedZone = defaultZone;
        return (expired, [.. plans.Values.SelectMany(p => p.Reminders)]);
    }

    /// <summary>Forgets the memo: the next pass plans every protocol in its window.</summary>
    private void Forget()
    {
        plans.Clear();
        siteZones.Clear();
        changes.Forget();
        plannedOn = null;
    }

    /// <summary>A protocol's reminders due now, and the next instant they change at: its next reminder's due instant.</summary>
    private Plan Planned(Protocol protocol, DateTimeZone zone, SiteId? site, Instant now)
    {
        var sites = protocol.State.CurrentScope.Sites.Select(s => AggregateRepository<LearningSite>.StreamOf(s)).ToArray();
        if (protocol.State is not { Status: ProtocolStatus.Approved or ProtocolStatus.Suspended or ProtocolStatus.Expired, ApprovalEnd: { } end }
            || end == LocalDate.MaxIsoValue)
        {
            return new Plan(protocol.Version, [], Instant.MaxValue, sites);
        }

        var committee = committees.Find(protocol.State.Committee);
        var window = new ApprovalWindowInput(protocol.Id, protocol.State.Title, site, end, zone, committee?.RenewalDueOn(end));
        var policy = committee is null ? defaults : defaults with { LeadDays = committee.ReminderLeadDays };
        var next = Instant.MaxValue;
        foreach (var reminder in ReminderSchedule.ForApproval(window, policy))
        {
            if (reminder.DueAt > now && reminder.DueAt < next)
            {
                next = reminder.DueAt;
            }
        }

        return new Plan(protocol.Version, ReminderSchedule.Due(new ReminderInputs { Approvals = [window] }, now, policy), next, sites);
    }

    /// <summary>Whether the register's indexes name a protocol for a sweep on a day: what <see cref="DueAsync"/> reads, for one protocol.</summary>
    private bool IsInWindow(ProtocolState state, LocalDate today)
    {
        if (state.ApprovalEnd is not { } end || end == LocalDate.MaxIsoValue)
        {
            return false;
        }

        return (state.Status is ProtocolStatus.Approved or ProtocolStatus.Suspended && end <= today.PlusDays(-1))
            || (state.Status is ProtocolStatus.Approved or ProtocolStatus.Suspended or ProtocolStatus.Expired
                && end >= today.PlusDays(-DaysAfterEnd) && end <= LatestEndRemindedOn(today));
    }

    /// <summary>
    /// The zone a protocol's dates are read in: of the registered sites its current scope names, the one where its approval
    /// lapses first (the day after its end starts earliest); the site too when the scope names one site.
    /// </summary>
    private async Task<(DateTimeZone Zone, SiteId? Site)> ZoneOfAsync(Protocol protocol, CancellationToken cancellationToken)
    {
        var sites = protocol.State.CurrentScope.Sites;
        var lapse = protocol.State.ApprovalEnd is { } end && end < LocalDate.MaxIsoValue ? end.PlusDays(1) : LocalDate.MinIsoValue.PlusDays(1);
        DateTimeZone? first = null;
        foreach (var site in sites)
        {
            if (await ZoneOfAsync(site, cancellationToken).ConfigureAwait(false) is { } zone
                && (first is null || lapse.AtStartOfDayInZone(zone).ToInstant() < lapse.AtStartOfDayInZone(first).ToInstant()))
            {
                first = zone;
            }
        }

        return (first ?? zones[options.CurrentValue.DefaultTimeZone], sites.Count == 1 ? sites[0] : null);
    }

    /// <summary>A site's zone, read once per site until its stream changes; <see langword="null"/> when it is not registered.</summary>
    private async ValueTask<DateTimeZone?> ZoneOfAsync(SiteId site, CancellationToken cancellationToken)
    {
        var stream = AggregateRepository<LearningSite>.StreamOf(site);
        if (!siteZones.TryGetValue(stream, out var zone))
        {
            var registered = await aggregates.Of<LearningSite>().CurrentAsync(stream, cancellationToken).ConfigureAwait(false);
            zone = registered?.State.ZoneIn(zones);
            siteZones[stream] = zone;
        }

        return zone;
    }

    /// <summary>
    /// The protocols to look at today, in stream order, with the version the register last saw of each: every one whose
    /// expiry is due, and every one whose approval ends in the reminders' window.
    /// </summary>
    private async Task<IReadOnlyList<(StreamId Stream, long Version)>> DueAsync(LocalDate today, CancellationToken cancellationToken)
    {
        var streams = new SortedDictionary<string, long>(System.StringComparer.Ordinal);
        var lapsed = DocumentRange.UpTo(DocumentIndexEntry.Of(today.PlusDays(-1)));
        await foreach (var entry in reader.ReadAllAsync(ProtocolRegister.ByExpiry, lapsed, cancellationToken).ConfigureAwait(false))
        {
            streams[AggregateRepository<Protocol>.StreamOf(entry.Id).Value] = entry.Version;
        }

        var window = DocumentRange.Between(DocumentIndexEntry.Of(today.PlusDays(-DaysAfterEnd)), DocumentIndexEntry.Of(LatestEndRemindedOn(today)));
        await foreach (var entry in reader.ReadAllAsync(ProtocolRegister.ByApprovalEnd, window, cancellationToken).ConfigureAwait(false))
        {
            streams[AggregateRepository<Protocol>.StreamOf(entry.Id).Value] = entry.Version;
        }

        return [.. streams.Select(s => (new StreamId(s.Key), s.Value))];
    }

    /// <summary>The latest approval end a reminder can be due for today: the longest lead before the end, or before a committee's renewal date.</summary>
    private LocalDate LatestEndRemindedOn(LocalDate today)
    {
        var latest = today.PlusDays(defaults.LeadDays.DefaultIfEmpty(0).Max());
        foreach (var committee in committees.Committees.Select(committees.Find).OfType<CommitteePolicy>())
        {
            // A renewal is due RenewalSubmissionLead before the end, and reminded its lead days before that.
            var end = today.PlusDays(committee.ReminderLeadDays.DefaultIfEmpty(0).Max()).Plus(committee.RenewalSubmissionLead);
            latest = LocalDate.Max(latest, end);
        }

        return latest;
    }

    /// <summary>What a pass planned for one protocol.</summary>
    /// <param name="Version">The protocol's version it was planned at.</param>
    /// <param name="Reminders">Its reminders due then.</param>
    /// <param name="NextChange">When its next reminder falls due (and its expiry, the last of them): the plan holds until then.</param>
    /// <param name="SiteStreams">The streams of the sites its zone was read from.</param>
    private sealed record Plan(long Version, IReadOnlyList<Reminder> Reminders, Instant NextChange, StreamId[] SiteStreams);

    private async Task<Protocol> ExpireAsync(Protocol protocol, LocalDate today, CancellationToken cancellationToken)
    {
        var end = protocol.State.ApprovalEnd!.Value;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var commands = scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>();
            var result = await commands.ExecuteAsync(
                protocol.Id,
                (p, ctx) => p.ObserveExpiry(today, ctx.Stamp),
                new CommandId("expiry/" + protocol.Id.Value + "/" + LocalDatePattern.Iso.Format(end)),
                Actor.System,
                cancellationToken).ConfigureAwait(false);
            if (logger is not null)
            {
                Log.ProtocolExpired(logger, protocol.Id.Value, LocalDatePattern.Iso.Format(end.PlusDays(1)));
            }

            return result.Aggregate;
        }
    }
}
