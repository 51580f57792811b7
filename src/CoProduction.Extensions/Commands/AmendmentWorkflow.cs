using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>
/// An amendment's steps that change its protocol too, each one atomic write of both: submitting lodges it on the
/// protocol (reserving the items it touches); withdrawing or rejecting releases it; approving — or accepting a
/// non-substantial amendment as a notification, where the protocol's committee allows it — checks that it applies
/// to the protocol as it stands (refused with the rebase reason otherwise) and applies it in the same write.
/// </summary>
/// <remarks>Registered scoped by <c>AddCoProduction</c>. Each call takes an optional command id: a retry with the same id writes nothing again.</remarks>
public sealed class AmendmentWorkflow
{
    private readonly WorkflowCommands workflows;
    private readonly ProtocolRulesSource rules;

    internal AmendmentWorkflow(WorkflowCommands workflows, ProtocolRulesSource rules)
    {
        this.workflows = workflows;
        this.rules = rules;
    }

    /// <summary>Submits the amendment and lodges it on its protocol.</summary>
    /// <param name="amendment">The amendment.</param>
    /// <param name="commandId">The command's id, for idempotency.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The amendment and the protocol after the step.</returns>
    /// <exception cref="CommandRejectedException">The amendment cannot be submitted, or the protocol cannot take it (not approved, stale, an item reserved by another pending amendment); nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">The amendment or its protocol is not in the store.</exception>
    public ValueTask<WorkflowResult> SubmitAsync(AmendmentId amendment, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
        => RunAsync("amendment.submit", amendment, (a, p, stamp) =>
        {
            a.Submit(stamp);
            p.LodgeAmendment(a, stamp);
        }, commandId, actor, cancellationToken);

    /// <summary>Withdraws the amendment and, when it was lodged, releases it from its protocol.</summary>
    /// <param name="amendment">The amendment.</param>
    /// <param name="reason">Why it is withdrawn.</param>
    /// <param name="commandId">The command's id, for idempotency.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The amendment and the protocol after the step.</returns>
    /// <exception cref="CommandRejectedException">The amendment is already decided; nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">The amendment or its protocol is not in the store.</exception>
    public ValueTask<WorkflowResult> WithdrawAsync(AmendmentId amendment, string reason, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
        => RunAsync("amendment.withdraw", amendment, (a, p, stamp) =>
        {
            a.Withdraw(reason, stamp);
            ReleaseIfLodged(a, p, stamp);
        }, commandId, actor, cancellationToken);

    /// <summary>Records the committee's rejection and releases the amendment from its protocol.</summary>
    /// <param name="amendment">The amendment.</param>
    /// <param name="reason">The committee's reason.</param>
    /// <param name="commandId">The command's id, for idempotency.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The amendment and the protocol after the step.</returns>
    /// <exception cref="CommandRejectedException">The amendment is not under review; nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">The amendment or its protocol is not in the store.</exception>
    public ValueTask<WorkflowResult> RejectAsync(AmendmentId amendment, string reason, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
        => RunAsync("amendment.reject", amendment, (a, p, stamp) =>
        {
            a.Reject(reason, stamp);
            ReleaseIfLodged(a, p, stamp);
        }, commandId, actor, cancellationToken);

    /// <summary>Records the committee's approval, once it is sure the amendment applies to the protocol as it stands, and applies it: the protocol's next version, in force from the approval date.</summary>
    /// <param name="amendment">The amendment.</param>
    /// <param name="approvedOn">The approval date.</param>
    /// <param name="commandId">The command's id, for idempotency.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The amendment and the protocol after the step.</returns>
    /// <exception cref="CommandRejectedException">Not under review, or it would not apply (written against a version changed since — rebase it —, blocked, out of scope or out of the approval period); nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">The amendment or its protocol is not in the store.</exception>
    public ValueTask<WorkflowResult> ApproveAsync(AmendmentId amendment, LocalDate approvedOn, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
        => RunAsync("amendment.approve", amendment, (a, p, stamp) =>
        {
            a.Approve(approvedOn, p, stamp);
            p.ApplyAmendment(a, stamp);
        }, commandId, actor, cancellationToken);

    /// <summary>
    /// Records that the protocol's committee accepted a non-substantial amendment as a notification, without review, and
    /// applies it: the protocol's next version, in force from the acceptance date. The committee's registered policy
    /// decides whether it accepts notifications.
    /// </summary>
    /// <param name="amendment">The amendment, submitted and not substantial.</param>
    /// <param name="acceptedOn">The acceptance date.</param>
    /// <param name="commandId">The command's id, for idempotency.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The amendment and the protocol after the step.</returns>
    /// <exception cref="CommandRejectedException">
    /// Not submitted, substantial, the committee's policy reviews every amendment, or it would not apply (written against a
    /// version changed since — rebase it —, blocked, out of scope or out of the approval period); nothing was written.
    /// </exception>
    /// <exception cref="UnknownCommitteeException">The protocol's committee has no registered policy; nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">The amendment or its protocol is not in the store.</exception>
    public ValueTask<WorkflowResult> AcceptAsNotificationAsync(
        AmendmentId amendment, LocalDate acceptedOn, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
        => workflows.ExecuteAsync(
            "amendment.accept-as-notification",
            async (step, ct) =>
            {
                var (loaded, protocol) = await LoadAsync(step, amendment, ct).ConfigureAwait(false);
                var policies = await rules.ForSitesAsync(protocol.State.CurrentScope.Sites, null, ct).ConfigureAwait(false);
                loaded.AcceptAsNotification(acceptedOn, protocol, new ProtocolContext(step.Context.Stamp, policies));
                protocol.ApplyAmendment(loaded, step.Context.Stamp);
            },
            commandId,
            actor,
            cancellationToken);

    private static void ReleaseIfLodged(Amendment amendment, Protocol protocol, Stamp stamp)
    {
        if (protocol.State.Pending.Any(p => p.Amendment == amendment.Id))
        {
            protocol.ReleaseAmendment(amendment, stamp);
        }
    }

    private ValueTask<WorkflowResult> RunAsync(
        string command, AmendmentId id, Action<Amendment, Protocol, Stamp> decide, CommandId? commandId, Actor? actor, CancellationToken cancellationToken)
        => workflows.ExecuteAsync(
            command,
            async (step, ct) =>
            {
                var (amendment, protocol) = await LoadAsync(step, id, ct).ConfigureAwait(false);
                decide(amendment, protocol, step.Context.Stamp);
            },
            commandId,
            actor,
            cancellationToken);

    private static async ValueTask<(Amendment Amendment, Protocol Protocol)> LoadAsync(WorkflowStep step, AmendmentId id, CancellationToken cancellationToken)
    {
        var amendment = await step.LoadAsync<Amendment>(AggregateRepository<Amendment>.StreamOf(id), cancellationToken).ConfigureAwait(false);
        var protocol = await step.LoadAsync<Protocol>(AggregateRepository<Protocol>.StreamOf(amendment.State.Protocol), cancellationToken).ConfigureAwait(false);
        return (amendment, protocol);
    }
}
