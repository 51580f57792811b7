using NodaTime;

namespace CoProduction.Sites;

/// <summary>How long a core member has stayed with a site, as of a date.</summary>
/// <param name="Member">The member.</param>
/// <param name="DisplayName">The name shown in the app.</param>
/// <param name="FirstJoined">The first day they held any role at the site.</param>
/// <param name="LastDay">The last day of their latest spell when they are no longer present on the as-of date; <see langword="null"/> while present.</param>
/// <param name="DaysPresent">Days on which they held at least one role, from <paramref name="FirstJoined"/> to the as-of date, both included.</param>
/// <param name="Spells">Continuous spells of presence up to the as-of date (more than one means they left and rejoined).</param>
public sealed record CoreMemberTenure(MemberId Member, string DisplayName, LocalDate FirstJoined, LocalDate? LastDay, int DaysPresent, int Spells);
