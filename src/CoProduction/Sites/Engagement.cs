using NodaTime;

namespace CoProduction.Sites;

/// <summary>A member took part in an engagement (a reflection, a meeting, a workshop…) on a date.</summary>
/// <param name="On">The date, in the site's calendar.</param>
/// <param name="Kind">What kind of engagement.</param>
/// <param name="Note">An optional short note (for example which meeting); <see langword="null"/> when none.</param>
public sealed record Engagement(LocalDate On, EngagementKind Kind, string? Note = null);
