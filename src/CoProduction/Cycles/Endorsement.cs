using System.Text.Json.Serialization;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>A member's endorsement of the plan as it stood.</summary>
/// <remarks>
/// An endorsement counts for leaving Planning only while the plan is unchanged since
/// (<see cref="PlanRevision"/> equals <see cref="CycleState.PlanRevision"/>), and by the roles the
/// member held at the site on <see cref="On"/>.
/// </remarks>
/// <param name="Member">Who endorsed.</param>
/// <param name="On">When, in the site's calendar.</param>
/// <param name="PlanRevision">
/// The plan's revision number when endorsed: how many times the plan had changed (an activity
/// planned, withdrawn or re-dated). Stored as <c>PlanSize</c>, its name from before a plan could be
/// changed other than by adding an activity, when the revision number was the plan's size.
/// </param>
public sealed record Endorsement(MemberId Member, LocalDate On, [property: JsonPropertyName("PlanSize")] int PlanRevision);
