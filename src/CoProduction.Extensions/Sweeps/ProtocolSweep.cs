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

    private readonly DocumentReader<ProtocolEntry> reader = new(documents, register);

    public async Task<(int Expired, IReadOnlyList<Reminder> Reminders)> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        // No zone's date is past UTC's next day: the protocols due by then hold every one due in its own zone now.
        var latest = now.InUtc().Date.PlusDays(1);
        var expired = 0;
        var reminders = new List<Reminder>();
        foreach (var (stream, version) in await DueAsync(latest, cancellationToken).ConfigureAwait(false))
        {
            if (await aggregates.Of<Protocol>().CurrentAsync(stream, version, cancellationToken).ConfigureAwait(false) is not { } protocol)
            {
                continue;
            }

            var (zone, site) = await ZoneOfAsync(protocol, cancellationToken).ConfigureAwait(false);
            var today = now.InZone(zone).Date;
            if (protocol.IsExpiryDue(today))
            {
                protocol = await ExpireAsync(protocol, today, cancellationToken).ConfigureAwait(false);
                expired++;
            }

            if (protocol.State is { Status: ProtocolStatus.Approved or ProtocolStatus.Suspended or ProtocolStatus.Expired, ApprovalEnd: { } end }
                && end != LocalDate.MaxIsoValue)
            {
                var committee = committees.Find(protocol.State.Committee);
                var window = new ApprovalWindowInput(protocol.Id, protocol.State.Title, site, end, zone, committee?.RenewalDueOn(end));
                var policy = committee is null ? defaults : defaults with { LeadDays = committee.ReminderLeadDays };
                reminders.AddRange(ReminderSchedule.Due(new ReminderInputs { Approvals = [window] }, now, policy));
            }
        }

        return (expired, reminders);
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
            if (await aggregates.Of<LearningSite>().CurrentAsync(AggregateRepository<LearningSite>.StreamOf(site), cancellationToken).ConfigureAwait(false) is { } registered)
            {
                var zone = registered.State.ZoneIn(zones);
                if (first is null || lapse.AtStartOfDayInZone(zone).ToInstant() < lapse.AtStartOfDayInZone(first).ToInstant())
                {
                    first = zone;
                }
            }
        }

        return (first ?? zones[options.CurrentValue.DefaultTimeZone], sites.Count == 1 ? sites[0] : null);
    }

    /// <summary>
    /// The protocols to look at today, in stream order, with the version the register last saw of each: every one whose
    /// expiry is due, and every one whose approval ends in the reminders' window.
    /// </summary>
    private async Task<IReadOnlyList<(StreamId Stream, long Version)>> DueAsync(LocalDate today, CancellationToken cancellationToken)
    {
        await runner.RequireCurrentAsync(ProtocolRegister.Self, "the protocol sweep", cancellationToken).ConfigureAwait(false);
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
