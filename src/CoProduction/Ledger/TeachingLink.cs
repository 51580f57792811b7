namespace CoProduction.Ledger;

/// <summary>Where research was linked to teaching: the course, its institution and its audience. Checked when built.</summary>
public sealed record TeachingLink
{
    /// <summary>Creates the details of a link from research to teaching.</summary>
    /// <param name="course">The course (for example "Postgraduate Diploma in Health Leadership"); a name, not blank or padded.</param>
    /// <param name="institution">Who teaches it (for example "University of Cape Town"); a name, not blank or padded.</param>
    /// <param name="audience">Who it teaches (for example "public sector health managers"); a name, not blank or padded.</param>
    /// <exception cref="System.ArgumentException">A blank or padded course, institution or audience.</exception>
    public TeachingLink(string course, string institution, string audience)
    {
        Course = Preconditions.CheckName(course, nameof(course));
        Institution = Preconditions.CheckName(institution, nameof(institution));
        Audience = Preconditions.CheckName(audience, nameof(audience));
    }

    /// <summary>Gets the course.</summary>
    public string Course { get; }

    /// <summary>Gets who teaches it.</summary>
    public string Institution { get; }

    /// <summary>Gets who it teaches.</summary>
    public string Audience { get; }
}
