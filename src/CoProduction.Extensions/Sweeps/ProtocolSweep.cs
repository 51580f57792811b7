using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Scheduling;
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
/// A protocol has no zone of its own: its dates are read in <see cref="CoProductionOptions.DefaultTimeZone"/>.
/// The expiry is a command with a stable id (<c>expiry/{protocol}/{end}</c>), so two processes sweeping at
/// once record it once.
/// </remarks>
internal sealed class ProtocolSweep(
    StreamCatalogue catalogue,
    AggregateRepository<Protocol> protocols,
    IServiceScopeFactory scopes,
    IEnumerable<CommitteePolicyRegistration> committees,
    ReminderPolicy defaults,
    IDateTimeZoneProvider zones,
    IOptionsMonitor<CoProductionOptions> options,
    ILogger<ProtocolSweep>? logger = null)
{
    private readonly Dictionary<CommitteeId, CommitteePolicy> policies = committees.GroupBy(c => c.Committee).ToDictionary(g => g.Key, g => g.Last().Policy);

    public async Task<(int Expired, IReadOnlyList<Reminder> Reminders)> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        var zone = zones[options.CurrentValue.DefaultTimeZone];
        var today = now.InZone(zone).Date;
        var expired = 0;
        var reminders = new List<Reminder>();
        foreach (var stream in await catalogue.StreamsAsync(Protocol.StreamCategory, cancellationToken).ConfigureAwait(false))
        {
            if (await protocols.TryLoadAsync(stream, cancellationToken).ConfigureAwait(false) is not { } protocol)
            {
                continue;
            }

            if (protocol.IsExpiryDue(today))
            {
                protocol = await ExpireAsync(protocol, today, cancellationToken).ConfigureAwait(false);
                expired++;
            }

            if (protocol.State is { Status: ProtocolStatus.Approved or ProtocolStatus.Suspended or ProtocolStatus.Expired, ApprovalEnd: { } end }
                && end != LocalDate.MaxIsoValue)
            {
                var committee = policies.GetValueOrDefault(protocol.State.Committee);
                var window = new ApprovalWindowInput(protocol.Id, protocol.State.Title, null, end, zone, committee?.RenewalDueOn(end));
                var policy = committee is null ? defaults : defaults with { LeadDays = committee.ReminderLeadDays };
                reminders.AddRange(ReminderSchedule.Due(new ReminderInputs { Approvals = [window] }, now, policy));
            }
        }

        return (expired, reminders);
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
