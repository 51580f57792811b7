using System.Collections.Generic;
using CoProduction.Projections;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The site board: one <see cref="SiteBoardEntry"/> per learning site, with index <c>engagement</c>: each core member
/// who holds or held a manager role, under (last engagement date, member), never engaged first.
/// </summary>
internal sealed class SiteBoardProjection() : AggregateProjection<LearningSite, SiteBoardEntry>(new SiteBoardJson(ReadModelJson.Options()).SiteBoardEntry)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.site-board";

    /// <summary>The index of core managers by (last engagement date, member); the date is empty for one never engaged.</summary>
    public const string EngagementIndex = "engagement";

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    public override int Version => 3;   // 2: the entry keeps the site's member naming; 3: and which members were erased

    /// <summary>The <c>engagement</c> index's values up to a date, included, never engaged first.</summary>
    public static DocumentRange EngagedUpTo(LocalDate date)
        => DocumentRange.UpTo(DocumentIndexEntry.Compose(DocumentIndexEntry.Of(date), DocumentRange.Highest));

    /// <summary>The member an <c>engagement</c> index value names.</summary>
    public static MemberId MemberOf(string value) => new(value[(value.LastIndexOf(DocumentIndexEntry.Separator) + 1)..]);

    /// <summary>The site's state rebuilt from its entry, for the domain's roster to answer about a day.</summary>
    public static LearningSiteState StateOf(SiteBoardEntry entry)
    {
        var members = new SiteMember[entry.Members.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var m = entry.Members[i];
            members[i] = new SiteMember(m.Member, m.DisplayName, m.Pseudonym)
            {
                IsCore = m.IsCore,
                Tenures = m.Tenures,
                Engagements = m.LastEngagement is { } last ? [last] : [],
                IsErased = m.IsErased,
            };
        }

        return LearningSiteState.Restore(entry.Site, entry.Name, entry.Country, entry.Level, entry.TimeZoneId, ValueList<SiteMember>.Wrap(members), entry.MemberNaming);
    }

    /// <inheritdoc/>
    protected override SiteBoardEntry? Summarize(LearningSite aggregate)
    {
        var state = aggregate.State;
        var members = new SiteBoardMember[state.Members.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var m = state.Members[i];
            members[i] = new SiteBoardMember(m.Id, m.DisplayName, m.Pseudonym, m.IsCore, m.Tenures, m.LastEngagement(LocalDate.MaxIsoValue), m.IsErased);
        }

        return new SiteBoardEntry(
            state.Id, state.Name, state.Country, state.Level, state.TimeZoneId, ValueList<SiteBoardMember>.Wrap(members), state.MemberNaming, aggregate.Version, 0);
    }

    /// <inheritdoc/>
    protected override SiteBoardEntry? Summarize(LearningSite aggregate, ProjectedEvent last)
        => Summarize(aggregate) is { } entry ? entry with { Position = last.Stored.Position } : null;

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(SiteBoardEntry document)
    {
        foreach (var member in document.Members)
        {
            if (member.IsCore && HeldManagerRole(member))
            {
                var last = member.LastEngagement is { } engagement ? DocumentIndexEntry.Of(engagement.On) : string.Empty;
                yield return new(EngagementIndex, DocumentIndexEntry.Compose(last, member.Member.Value));
            }
        }
    }

    // Which day the member is a manager on is decided at query time (TeamRoster.CoreManagerEngagements): the index
    // lists every core member who ever held a manager role, so it holds each one who may be a core manager today.
    private static bool HeldManagerRole(SiteBoardMember member)
    {
        foreach (var tenure in member.Tenures)
        {
            if (tenure.Role.Kind == RoleKind.Manager)
            {
                return true;
            }
        }

        return false;
    }
}
