
namespace CoProduction.Cycles;

/// <summary>What the team learned and changes: decisions per activity, new proposals, lessons.</summary>
/// <remarks>Adopted and adapted activities and the new proposals are carried into the next cycle as proposals.</remarks>
/// <param name="Decisions">Adopt, adapt or abandon, per planned activity; may be empty.</param>
/// <param name="Proposals">New activities proposed for the next cycle; may be empty.</param>
/// <param name="Lessons">What was learned, each a sentence; at least one decision, proposal or lesson.</param>
public sealed record Revision(ValueList<ActivityRevision> Decisions, ValueList<ProposedActivity> Proposals, ValueList<string> Lessons);
