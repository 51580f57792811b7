using NodaTime;

namespace CoProduction.Access;

/// <summary>A member holding a programme role for a tenure.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Member">The member.</param>
/// <param name="Role">The role.</param>
/// <param name="From">The first day of the tenure.</param>
/// <param name="To">The last day, included; <see langword="null"/> while it is open.</param>
public sealed record ProgrammeRoleHolder(ProgrammeId Programme, MemberId Member, ProgrammeRole Role, LocalDate From, LocalDate? To = null)
{
    /// <summary>Whether the tenure covers a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when <paramref name="date"/> is from <see cref="From"/> to <see cref="To"/>, both included.</returns>
    public bool Covers(LocalDate date) => date >= From && (To is not { } to || date <= to);
}
