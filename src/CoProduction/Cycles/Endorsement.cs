using NodaTime;

namespace CoProduction.Cycles;

/// <summary>A member's endorsement of the plan as it stood.</summary>
/// <remarks>
/// An endorsement counts for leaving Planning only while the plan is unchanged since
/// (<see cref="PlanSize"/> equals the number of planned activities), and by the roles the member
/// held at the site on <see cref="On"/>.
/// </remarks>
/// <param name="Member">Who endorsed.</param>
/// <param name="On">When, in the site's calendar.</param>
/// <param name="PlanSize">How many activities the plan had when endorsed.</param>
public sealed record Endorsement(MemberId Member, LocalDate On, int PlanSize);
