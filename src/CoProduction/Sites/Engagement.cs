using System;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>A member took part in an engagement (a reflection, a meeting, a workshop…) on a date. Checked when built.</summary>
public sealed record Engagement
{
    /// <summary>Creates an engagement.</summary>
    /// <param name="on">The date, in the site's calendar.</param>
    /// <param name="kind">What kind of engagement.</param>
    /// <param name="note">An optional short note (for example which meeting): one line, not padded; <see langword="null"/> when none.</param>
    /// <exception cref="ArgumentException">A default kind, or a blank or padded note.</exception>
    public Engagement(LocalDate on, EngagementKind kind, string? note = null)
    {
        On = on;
        Kind = kind.Code is null
            ? throw new ArgumentException("An engagement needs a kind; default(EngagementKind) was given.", nameof(kind))
            : kind;
        Note = Preconditions.CheckOptionalName(note, nameof(note));
    }

    /// <summary>Gets the date, in the site's calendar.</summary>
    public LocalDate On { get; }

    /// <summary>Gets what kind of engagement.</summary>
    public EngagementKind Kind { get; }

    /// <summary>Gets the optional short note; <see langword="null"/> when none.</summary>
    public string? Note { get; }
}
