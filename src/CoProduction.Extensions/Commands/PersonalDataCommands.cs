using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Privacy;
using CoProduction.Sites;

namespace CoProduction.Commands;

/// <summary>
/// Erases people: records the erasure in the site's history and deletes the person's key, after which their name and the
/// notes about them read as <see cref="PersonalData.ErasedMarker"/> in every event, read model and new archive.
/// </summary>
/// <remarks>
/// Registered scoped by <c>AddCoProduction</c>; it needs <c>ProtectPersonalData()</c> on the builder (without it names are
/// stored in clear, and no key can make them unreadable). The erasure is a site command (<see cref="SiteTrigger.EraseMember"/>,
/// with the site administration's permission). The key is deleted after the event is recorded: if the deletion fails, the
/// command throws and running it again deletes the key without recording a second erasure.
/// </remarks>
public sealed class PersonalDataCommands
{
    private readonly IAggregateCommands<LearningSite> sites;
    private readonly PersonalDataProtector? protector;

    internal PersonalDataCommands(IAggregateCommands<LearningSite> sites, PersonalDataProtector? protector)
    {
        this.sites = sites;
        this.protector = protector;
    }

    /// <summary>Erases a member of a site: records <see cref="MemberErased"/> (once), then deletes their key.</summary>
    /// <param name="site">The site.</param>
    /// <param name="member">The member.</param>
    /// <param name="requestedBy">Who asked for the erasure; one line, not padded.</param>
    /// <param name="reason">Why (for example the law and article the request rests on); one line, not padded.</param>
    /// <param name="commandId">The command's id for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who records it; <see cref="ICurrentActor.Current"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command before it is recorded.</param>
    /// <returns>The site after the erasure and what was recorded (nothing, when the member was erased before and only the key was left to delete).</returns>
    /// <exception cref="InvalidOperationException">Personal data protection is not configured; nothing was written.</exception>
    /// <exception cref="AggregateNotFoundException">No site has the id.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member of the site; nothing was written.</exception>
    /// <exception cref="Access.AccessDeniedException">The actor may not administer the site; nothing was written.</exception>
    public async ValueTask<CommandResult<LearningSite>> EraseMemberAsync(
        SiteId site, MemberId member, string requestedBy, string reason, CommandId? commandId = null, Actor? actor = null, CancellationToken cancellationToken = default)
    {
        var protection = protector ?? throw new InvalidOperationException(
            $"Cannot erase member '{member}' of site '{site}': personal data protection is not configured, so their name is stored in clear and no key can make it unreadable. Call ProtectPersonalData() on the CoProduction builder (before any member is added).");
        var result = await sites.ExecuteAsync(
            site,
            (s, context) =>
            {
                if (s.State.FindMember(member) is not { IsErased: true })
                {
                    s.EraseMember(member, requestedBy, reason, context.Stamp);
                }
            },
            commandId,
            actor,
            cancellationToken).ConfigureAwait(false);
        protection.Erase(PersonalData.SubjectOf(site, member));
        return result;
    }
}
