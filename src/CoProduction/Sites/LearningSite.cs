using System.Collections.Generic;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// A learning site: a county, district or sub-district where researchers and managers co-produce
/// research, with its country, time zone, partner institutions and team. Every change is an event.
/// </summary>
/// <remarks>
/// <para>
/// A site is a registry, not a process: its machine has one state, <see cref="SiteStatus.Registered"/>,
/// in which every command records something. Commands go through the same pipeline as every
/// aggregate: malformed arguments throw the <see cref="System.ArgumentException"/> family; a command
/// dated before the latest event, or one that breaks a rule of the domain (a duplicate member, a
/// role for a person who is not a member, overlapping tenure, leaving before joining), throws
/// <see cref="CommandRejectedException"/> naming the commands the site accepts; and a refused
/// command changes nothing.
/// </para>
/// <para>
/// Tenure dates are <see cref="LocalDate"/>s in the site's calendar; turn an instant into one with
/// <see cref="LearningSiteState.DateAt"/>. Queries over one or several sites live in <see cref="TeamRoster"/>.
/// </para>
/// </remarks>
public sealed partial class LearningSite : AggregateRoot<SiteId, LearningSiteState, ISiteEvent>, IEventSourcedAggregate<LearningSite>
{
    private LearningSite(SiteId id)
        : base(id, StreamCategory, LearningSiteState.Initial)
    {
    }

    /// <summary>Gets the stream category of learning sites: <c>site</c>.</summary>
    public static string StreamCategory => "site";

    /// <inheritdoc/>
    protected override string Description => $"learning site '{Id}'";

    private static AggregateMachine<SiteStatus, SiteTrigger, LearningSiteState> Machine => LearningSiteMachine.Machine;

    /// <summary>Registers a learning site.</summary>
    /// <param name="registration">The site: its id, name, country, zone, level, partners and the year the collaboration began.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The new site with one uncommitted <see cref="SiteRegistered"/> event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static LearningSite Register(SiteRegistration registration, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(registration);
        var site = new LearningSite(registration.Id);
        site.Create(stamp, new SiteRegistered(
            registration.Id,
            registration.Name,
            registration.Country,
            registration.Level,
            registration.Zone.Id,
            registration.PartnerInstitutions,
            registration.EngagedSinceYear,
            stamp.At,
            stamp.By));
        return site;
    }

    /// <summary>Rebuilds a site from its history, checking every event against the machine's table and the rules of tenure.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="SiteRegistered"/>.</param>
    /// <returns>The site, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static LearningSite Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<LearningSite, SiteRegistered>(stream, history, static e => new LearningSite(e.Site));

    /// <summary>Every command with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order (a registered site permits every one; its rules refuse by argument).</returns>
    public IReadOnlyList<TriggerAvailability<SiteTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override LearningSiteState Apply(LearningSiteState state, ISiteEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(LearningSiteState before, ISiteEvent @event, LearningSiteState after)
    {
        if (@event.Site != Id)
        {
            return $"it belongs to site '{@event.Site}'.";
        }

        return Machine.CheckReplay(before.Status, LearningSiteMachine.TriggerOf(@event), after.Status) ?? @event switch
        {
            MemberAdded e => before.FindMember(e.Member) is null ? null : $"member '{e.Member}' is already in the team.",
            MemberJoinedRole e => before.FindMember(e.Member) is { } m ? AsSentence(TenureRules.WhyCannotJoin(m, e.Role, e.On)) : NotAMember(e.Member),
            MemberLeftRole e => before.FindMember(e.Member) is { } m ? AsSentence(TenureRules.WhyCannotLeave(m, e.Role, e.On)) : NotAMember(e.Member),
            MemberMarkedCore e => before.FindMember(e.Member) is null ? NotAMember(e.Member) : null,
            MemberCoreMarkCleared e => before.FindMember(e.Member) is null ? NotAMember(e.Member) : null,
            EngagementRecorded e => before.FindMember(e.Member) is { } m ? (m.IsErased && e.Note is not null ? $"it keeps a note about member '{e.Member}', who was erased." : null) : NotAMember(e.Member),
            MemberErased e => before.FindMember(e.Member) is { } m ? (m.IsErased ? $"member '{e.Member}' is already erased." : null) : NotAMember(e.Member),
            MemberNamingChosen e => before.MemberNaming == e.Naming ? $"the site names its members by {Describe(e.Naming)} already." : null,
            _ => null,
        };
    }

    private static string? AsSentence(string? reason) => reason is null ? null : reason + ".";

    /// <summary>A naming in words, for refusals.</summary>
    private static string Describe(MemberNaming naming) => naming == MemberNaming.Pseudonyms ? "pseudonyms only" : "display names";

    private static string NotAMember(MemberId member) => $"'{member}' is not a member of the site.";
}
