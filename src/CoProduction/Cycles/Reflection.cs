using NodaTime;

namespace CoProduction.Cycles;

/// <summary>A reflection meeting held during the cycle's Reflecting stage.</summary>
/// <param name="Kind">Which kind of meeting.</param>
/// <param name="HeldOn">When, in the site's calendar.</param>
/// <param name="Attendees">Who attended: at least one, each known to the site's roster, no duplicates.</param>
/// <param name="Insights">What emerged: at least one insight, each a sentence.</param>
public sealed record Reflection(ReflectionMeetingKind Kind, LocalDate HeldOn, ValueList<MemberId> Attendees, ValueList<string> Insights);
