using System.Collections.Generic;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>A site's board as of a day: who holds which roles, and when each core manager was last engaged.</summary>
/// <param name="Entry">The site as the board keeps it (the whole team, past and present).</param>
/// <param name="Today">The day, in the site's calendar (the registered clock's now, in the site's zone).</param>
/// <param name="Members">The members holding at least one role on <paramref name="Today"/>, with those roles (<see cref="TeamRoster.ActiveOn"/>).</param>
/// <param name="CoreManagers">The core managers on <paramref name="Today"/> and their last engagement, the longest without first (<see cref="TeamRoster.CoreManagerEngagements"/>).</param>
public sealed record SiteBoardToday(
    SiteBoardEntry Entry,
    LocalDate Today,
    IReadOnlyList<ActiveMember> Members,
    IReadOnlyList<CoreManagerEngagement> CoreManagers);
