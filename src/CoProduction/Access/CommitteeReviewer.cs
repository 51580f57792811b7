using NodaTime;

namespace CoProduction.Access;

/// <summary>A reviewer of an ethics committee for a tenure: who may start review, request changes, approve, reject, suspend and reinstate its protocols.</summary>
/// <param name="Committee">The committee.</param>
/// <param name="Reviewer">The reviewer: a member, or a named actor such as an ethics office; never <see cref="Actor.System"/>.</param>
/// <param name="From">The first day of the tenure.</param>
/// <param name="To">The last day of the tenure, included; <see langword="null"/> while it is open.</param>
public sealed record CommitteeReviewer(CommitteeId Committee, Actor Reviewer, LocalDate From, LocalDate? To = null)
{
    /// <summary>Whether the tenure covers a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when <paramref name="date"/> is from <see cref="From"/> to <see cref="To"/>, both included.</returns>
    public bool Covers(LocalDate date) => date >= From && (To is not { } to || date <= to);
}
