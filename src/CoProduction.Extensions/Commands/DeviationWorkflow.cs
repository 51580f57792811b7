using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>
/// Records a cycle's action and, when the cycle records it outside approval (<see cref="OutOfApprovalActions.RecordWithDeviation"/>),
/// opens its <see cref="ProtocolDeviation"/> in the same atomic write: the deviation names the protocol and version that
/// lapsed, and its report is due the protocol's committee's deadline in the site's working days, from the day the action
/// was recorded (in the site's zone). The policy is looked up by the protocol's committee; no caller passes one.
/// </summary>
/// <remarks>
/// Registered scoped by <c>AddCoProduction</c>; <see cref="CycleCommands.RecordActionAsync"/> is built on it. A retry with the
/// same command id writes nothing again. The deviation's id is <see cref="DeviationOf"/>: the cycle and the lapse's number.
/// </remarks>
public sealed class DeviationWorkflow
{
    private readonly WorkflowCommands workflows;
    private readonly ICycleRulesProvider cycleRules;
    private readonly ProtocolRulesSource protocolRules;
    private readonly IDateTimeZoneProvider zones;

    internal DeviationWorkflow(WorkflowCommands workflows, ICycleRulesProvider cycleRules, ProtocolRulesSource protocolRules, IDateTimeZoneProvider zones)
    {
        this.workflows = workflows;
        this.cycleRules = cycleRules;
        this.protocolRules = protocolRules;
        this.zones = zones;
    }

    /// <summary>The id of the deviation opened for a cycle's <paramref name="lapse"/>-th action recorded outside approval.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="lapse">The lapse's number in the cycle, from 1 (<see cref="CycleState.ApprovalLapses"/>).</param>
    /// <returns><c>{cycle}.lapse-{n}</c>.</returns>
    public static DeviationId DeviationOf(CycleId cycle, int lapse)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lapse, 1);
        return new DeviationId(Preconditions.CheckId(cycle, nameof(cycle)).Value + ".lapse-" + lapse.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Records an action on a cycle; an action outside approval opens its deviation in the same write.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="action">The action.</param>
    /// <param name="commandId">The command's id, for idempotency: a retry writes nothing again and returns what was written.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The cycle and, when opened, the deviation (<see cref="WorkflowResult.Get{TAggregate}"/> by stream).</returns>
    /// <exception cref="CommandRejectedException">
    /// The cycle refused the action (not Acting, not covered under <see cref="OutOfApprovalActions.Refuse"/>, or the study is
    /// paused: the unmet guard <see cref="Cycle.StudyPausedGuard"/>); nothing was written.
    /// </exception>
    /// <exception cref="UnknownCommitteeException">The lapsed protocol's committee has no registered policy; nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">The cycle, or the protocol it names, is not in the store.</exception>
    public ValueTask<WorkflowResult> RecordActionAsync(
        CycleId cycle, CycleAction action, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return workflows.ExecuteAsync(
            async (step, ct) =>
            {
                var loaded = await step.LoadAsync<Cycle>(AggregateRepository<Cycle>.StreamOf(cycle), ct).ConfigureAwait(false);
                var rules = await cycleRules.GetRulesAsync(loaded.State.Site, ct).ConfigureAwait(false);
                loaded.RecordAction(action, rules.At(step.Context.Stamp));
                if (loaded.UncommittedEvents[^1] is ActionRecordedOutsideApproval outside)
                {
                    var protocolId = outside.Lapse.Protocol
                        ?? throw new InvalidOperationException($"Cycle '{cycle}' recorded an action outside approval naming no protocol; nothing was written.");
                    var protocol = await step.LoadAsync<Protocol>(AggregateRepository<Protocol>.StreamOf(protocolId), ct).ConfigureAwait(false);
                    var site = loaded.State.Site;
                    var discoveredOn = step.Context.Now.InZone(TimeZoneIds.Find(zones, loaded.State.TimeZoneId)).Date;
                    var deviationRules = await protocolRules.ForSitesAsync([site], site, ct).ConfigureAwait(false);
                    step.Add(ProtocolDeviation.RecordOutsideApproval(
                        DeviationOf(cycle, loaded.State.ApprovalLapses.Count),
                        loaded,
                        outside,
                        protocol,
                        discoveredOn,
                        new ProtocolContext(step.Context.Stamp, deviationRules)));
                }
            },
            commandId,
            actor,
            cancellationToken);
    }
}
