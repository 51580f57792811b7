using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Commands;

/// <summary>
/// Runs commands on aggregates of one type by id: load, decide, save; on a concurrency conflict,
/// reload and decide once more. An app's controller is one line:
/// <c>await sites.ExecuteAsync(siteId, (site, ctx) => site.MarkCore(member, ctx.Stamp));</c>
/// </summary>
/// <remarks>
/// <para>
/// The instant comes from the registered <see cref="NodaTime.IClock"/>, read once per attempt; the actor is
/// the one given, else <see cref="ICurrentActor.Current"/>. Every command has a <see cref="CommandId"/>
/// (a new one when none is given): a command whose id is already in the stream is not decided again
/// and returns the first recording with <see cref="CommandResult{TAggregate}.WasDuplicate"/> set.
/// </para>
/// <para>
/// A refused command throws <see cref="CommandRejectedException"/> and writes nothing; a second conflict
/// throws <see cref="ConcurrencyException"/> and writes nothing. Accepted and rejected commands,
/// conflicts and append latency are counted on the <c>CoProduction</c> meter, each command in an activity.
/// </para>
/// </remarks>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
public interface IAggregateCommands<TAggregate>
    where TAggregate : class, IEventSourcedAggregate<TAggregate>
{
    /// <summary>Runs a command on an existing aggregate.</summary>
    /// <typeparam name="TId">The aggregate's id type.</typeparam>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="decide">Calls one command method on the aggregate; it may be called twice (after a conflict), on a freshly loaded aggregate each time.</param>
    /// <param name="commandId">The command's id for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who issues it; <see cref="ICurrentActor.Current"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command before it is recorded.</param>
    /// <returns>The aggregate after the command and what was recorded.</returns>
    /// <exception cref="AggregateNotFoundException">No aggregate has the id.</exception>
    /// <exception cref="CommandRejectedException">The aggregate refused the command; nothing was written.</exception>
    /// <exception cref="ConcurrencyException">Another writer won twice; nothing was written.</exception>
    ValueTask<CommandResult<TAggregate>> ExecuteAsync<TId>(
        TId id,
        Action<TAggregate, CommandContext> decide,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
        where TId : struct, IStringId<TId>;

    /// <summary>Creates an aggregate (its stream must be new) and records its first events.</summary>
    /// <param name="create">Creates the aggregate, for example <c>ctx =&gt; Programme.Register(new ProgrammeRegistration(id, name, period), ctx.Stamp)</c>.</param>
    /// <param name="commandId">The command's id for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who issues it; <see cref="ICurrentActor.Current"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command before it is recorded.</param>
    /// <returns>The new aggregate and what was recorded; a repeat of the same command id returns the first recording.</returns>
    /// <exception cref="AggregateAlreadyExistsException">The stream already exists and was not created by this command id; nothing was written.</exception>
    ValueTask<CommandResult<TAggregate>> CreateAsync(
        Func<CommandContext, TAggregate> create,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default);
}
