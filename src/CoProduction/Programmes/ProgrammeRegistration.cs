using System;
using NodaTime;

namespace CoProduction.Programmes;

/// <summary>What registering a programme records: checked when built, so an invalid one cannot exist.</summary>
public sealed record ProgrammeRegistration
{
    /// <summary>Creates the details of a programme to register.</summary>
    /// <param name="id">The programme's id.</param>
    /// <param name="name">Its name, for example <c>RESYST</c>; one line, not padded.</param>
    /// <param name="period">Its period, both dates included.</param>
    /// <exception cref="ArgumentException">A default id, or a blank or padded name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    public ProgrammeRegistration(ProgrammeId id, string name, DateInterval period)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Name = Preconditions.CheckName(name, nameof(name));
        Period = period ?? throw new ArgumentNullException(nameof(period));
    }

    /// <summary>Gets the programme's id.</summary>
    public ProgrammeId Id { get; }

    /// <summary>Gets the programme's name.</summary>
    public string Name { get; }

    /// <summary>Gets the programme's period, both dates included.</summary>
    public DateInterval Period { get; }
}
