using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Protocols;

namespace CoProduction.Commands;

/// <summary>
/// Protocol commands that need rules, with the rules the app registered: the sites in the store, the committee
/// policies of <c>builder.AddCommitteePolicy</c> and the sites' working-day calendars. A protocol whose committee has
/// no registered policy is refused at drafting, with the registered committees named.
/// </summary>
/// <remarks>Registered scoped by <c>AddCoProduction</c>. Commands that need no rules go through <see cref="IAggregateCommands{TAggregate}"/>.</remarks>
public sealed class ProtocolCommands
{
    private readonly IAggregateCommands<Protocol> runner;
    private readonly ProtocolRulesSource rules;

    internal ProtocolCommands(IAggregateCommands<Protocol> runner, ProtocolRulesSource rules)
    {
        this.runner = runner;
        this.rules = rules;
    }

    /// <summary>Drafts a protocol (its stream must be new) under the registered rules.</summary>
    /// <param name="draft">What is drafted; its committee must have a registered policy and every site of its scope must be registered.</param>
    /// <param name="commandId">The command's id for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who issues it; <see cref="ICurrentActor.Current"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command before it is recorded.</param>
    /// <returns>The new protocol and what was recorded.</returns>
    /// <exception cref="UnknownCommitteeException">No policy is registered for the draft's committee; nothing was written.</exception>
    /// <exception cref="UnknownSiteException">The scope names a site that is not registered; nothing was written.</exception>
    /// <exception cref="AggregateAlreadyExistsException">A protocol with that id exists and was not drafted by this command id.</exception>
    public async ValueTask<CommandResult<Protocol>> DraftAsync(ProtocolDraft draft, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var draftRules = await rules.ForSitesAsync(draft.Scope.Sites, null, cancellationToken).ConfigureAwait(false);
        return await runner.CreateAsync(context => Protocol.Draft(draft, new ProtocolContext(context.Stamp, draftRules)), commandId, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the rules a protocol command naming these sites would decide with now (for <see cref="Protocol.Renew"/> and the like).</summary>
    /// <param name="sites">The sites the command names; the first one's working-day calendar is used.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The rules.</returns>
    public ValueTask<ProtocolRules> RulesForAsync(IEnumerable<SiteId> sites, CancellationToken cancellationToken = default)
        => rules.ForSitesAsync(sites, null, cancellationToken);
}
