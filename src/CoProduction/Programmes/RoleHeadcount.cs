using CoProduction.Sites;

namespace CoProduction.Programmes;

/// <summary>How many active members held a kind of role at a site on a date (a member with two kinds counts in both).</summary>
/// <param name="Kind">The kind of role.</param>
/// <param name="Count">The number of members holding it.</param>
public sealed record RoleHeadcount(RoleKind Kind, int Count);
