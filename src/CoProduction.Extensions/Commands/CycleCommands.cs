using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Persistence;

namespace CoProduction.Commands;

/// <summary>
/// Runs commands on cycles by id with the rules of the cycle's site, so a controller is one line:
/// <c>await cycles.ExecuteAsync(cycleId, (cycle, ctx) =&gt; cycle.StartActing(ctx.Context));</c>
/// </summary>
/// <remarks>
/// Loads the cycle, builds its <see cref="CycleRules"/> with the registered <see cref="ICycleRulesProvider"/>,
/// decides, saves; after a concurrency conflict it reloads and decides once more. Idempotent by
/// <see cref="CommandId"/>; counted and traced like every command (see <see cref="IAggregateCommands{TAggregate}"/>).
/// </remarks>
public sealed class CycleCommands
{
    private readonly AggregateCommands<Cycle> runner;
    private readonly ICycleRulesProvider rules;
    private readonly WorkflowCommands workflows;
    private readonly DeviationWorkflow deviations;

    internal CycleCommands(AggregateCommands<Cycle> runner, ICycleRulesProvider rules, WorkflowCommands workflows, DeviationWorkflow deviations)
    {
        this.runner = runner;
        this.rules = rules;
        this.workflows = workflows;
        this.deviations = deviations;
    }

    /// <summary>Runs a command on an existing cycle.</summary>
    /// <param name="id">The cycle's id.</param>
    /// <param name="decide">Calls one command method on the cycle; it may be called twice (after a conflict), on a freshly loaded cycle each time.</param>
    /// <param name="commandId">The command's id for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who issues it; <see cref="ICurrentActor.Current"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command before it is recorded.</param>
    /// <returns>The cycle after the command and what was recorded.</returns>
    /// <exception cref="AggregateNotFoundException">No cycle has the id.</exception>
    /// <exception cref="CommandRejectedException">The cycle refused the command (with the stage, the allowed triggers and the reasons); nothing was written.</exception>
    /// <exception cref="ConcurrencyException">Another writer won twice; nothing was written.</exception>
    public ValueTask<CommandResult<Cycle>> ExecuteAsync(
        CycleId id,
        Action<Cycle, CycleCommandContext> decide,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
        => runner.RunAsync(
            AggregateRepository<Cycle>.StreamOf(id),
            async (cycle, context, token) => CycleCommandContext.From(context, await rules.GetRulesAsync(cycle.State.Site, token).ConfigureAwait(false)),
            (cycle, context) =>
            {
                ArgumentNullException.ThrowIfNull(decide);
                decide(cycle, context);
                if (cycle.UncommittedEvents.Any(e => e is NextCycleStarted))
                {
                    throw new InvalidOperationException(
                        $"Starting the next cycle from {cycle.Id} writes two cycles: call {nameof(StartNextAsync)}, which saves the new cycle with the old one in one write. Nothing was written.");
                }

                if (cycle.UncommittedEvents.Any(e => e is ActionRecordedOutsideApproval))
                {
                    throw new InvalidOperationException(
                        $"An action recorded outside approval on {cycle.Id} opens a protocol deviation: call {nameof(RecordActionAsync)}, which saves the deviation with the action in one write. Nothing was written.");
                }
            },
            commandId,
            actor,
            cancellationToken);

    /// <summary>Starts a cycle (its stream must be new) with the rules of its site, in the site's zone, and records its first event.</summary>
    /// <param name="opening">What is started, for example <c>new CycleOpening(id, site, 1, focus)</c>; the site must be known to the roster.</param>
    /// <param name="commandId">The command's id for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who issues it; <see cref="ICurrentActor.Current"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command before it is recorded.</param>
    /// <returns>The new cycle and what was recorded.</returns>
    /// <exception cref="Protocols.UnknownSiteException">The site was never registered (no site stream, or the app's roster does not know it): register it first; nothing was written.</exception>
    /// <exception cref="AggregateAlreadyExistsException">A cycle with that id exists and was not started by this command id.</exception>
    public async ValueTask<CommandResult<Cycle>> StartAsync(
        CycleOpening opening,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opening);
        var siteRules = await rules.GetRulesAsync(opening.Site, cancellationToken).ConfigureAwait(false);
        return await runner.CreateAsync(context => Cycle.Start(opening, siteRules.At(context.Stamp)), commandId, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an action on a cycle (Acting); an action the cycle records outside approval (under
    /// <see cref="OutOfApprovalActions.RecordWithDeviation"/>) opens its protocol deviation in the same write (see <see cref="DeviationWorkflow"/>).
    /// </summary>
    /// <param name="id">The cycle's id.</param>
    /// <param name="action">The action.</param>
    /// <param name="commandId">The command's id, for idempotency: a retry writes nothing again.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>The cycle and, when one was opened, the deviation.</returns>
    /// <exception cref="CommandRejectedException">The cycle refused the action (with the reasons; a paused study names <see cref="Cycle.StudyPausedGuard"/>); nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">No cycle has the id.</exception>
    public ValueTask<WorkflowResult> RecordActionAsync(CycleId id, CycleAction action, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
        => deviations.RecordActionAsync(id, action, commandId, actor, cancellationToken);

    /// <summary>
    /// Starts the next cycle from a completed one: the completed cycle records that its successor started, and the new
    /// cycle (its number the next one, the revisions carried forward as proposals) is saved with it in one write.
    /// </summary>
    /// <param name="completed">The completed cycle.</param>
    /// <param name="next">The new cycle's id.</param>
    /// <param name="focus">What the new cycle is about.</param>
    /// <param name="commandId">The command's id, for idempotency: a retry writes nothing again and returns both cycles.</param>
    /// <param name="actor">Who acts; the current actor when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before it is written.</param>
    /// <returns>Both cycles after the step (<see cref="WorkflowResult.Get{TAggregate}"/> by stream).</returns>
    /// <exception cref="CommandRejectedException">The cycle is not completed, or a next cycle was started already; nothing was written.</exception>
    /// <exception cref="AggregateAlreadyExistsException">A stream with the new cycle's id exists.</exception>
    public async ValueTask<WorkflowResult> StartNextAsync(
        CycleId completed, CycleId next, string focus, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await workflows.ExecuteAsync(
                "cycle.start-next",
                async (step, ct) =>
                {
                    var cycle = await step.LoadAsync<Cycle>(AggregateRepository<Cycle>.StreamOf(completed), ct).ConfigureAwait(false);
                    var siteRules = await rules.GetRulesAsync(cycle.State.Site, ct).ConfigureAwait(false);
                    step.Add(cycle.StartNext(next, focus, siteRules.At(step.Context.Stamp)));
                },
                commandId,
                actor,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException conflict) when (conflict.ExpectedVersion == 0 && conflict.Stream == AggregateRepository<Cycle>.StreamOf(next))
        {
            throw new AggregateAlreadyExistsException(conflict.Stream, conflict.ActualVersion);
        }
    }

    /// <summary>
    /// Every trigger of a stored cycle, permitted now or refused with its reasons, decided with the rules
    /// of the cycle's site at the clock's now: what a page draws its buttons from, in one call.
    /// </summary>
    /// <param name="id">The cycle's id.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>One entry per <see cref="CycleTrigger"/>, in enum order; nothing is recorded.</returns>
    /// <exception cref="AggregateNotFoundException">No cycle has the id.</exception>
    public async ValueTask<IReadOnlyList<TriggerAvailability<CycleTrigger>>> AvailabilityAsync(CycleId id, CancellationToken cancellationToken = default)
    {
        var cycle = await runner.LoadAsync(AggregateRepository<Cycle>.StreamOf(id), cancellationToken).ConfigureAwait(false);
        var siteRules = await rules.GetRulesAsync(cycle.State.Site, cancellationToken).ConfigureAwait(false);
        return cycle.Availability(runner.Now, siteRules);
    }

    /// <summary>Gets the rules a command on a cycle at the site would decide with now: for availability (which buttons to show).</summary>
    /// <param name="site">The site.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The rules.</returns>
    public ValueTask<CycleRules> RulesForAsync(SiteId site, CancellationToken cancellationToken = default)
        => rules.GetRulesAsync(site, cancellationToken);
}
