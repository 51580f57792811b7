using System;
using System.Collections.Generic;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Access;

/// <summary>The reviewers of the ethics committees, with their tenures: who reviews a protocol on a day.</summary>
/// <remarks>A reviewer's dates are read on the date the command's instant falls on at the protocol's first site (UTC when the protocol names no site).</remarks>
public sealed class CommitteeRoster
{
    private readonly Dictionary<CommitteeId, List<CommitteeReviewer>> byCommittee = [];

    /// <summary>Builds the roster.</summary>
    /// <param name="reviewers">The reviewers' tenures; a reviewer may have several.</param>
    /// <exception cref="ArgumentException">A tenure names <see cref="Actor.System"/> or a default actor, or ends before it starts.</exception>
    public CommitteeRoster(IEnumerable<CommitteeReviewer> reviewers)
    {
        ArgumentNullException.ThrowIfNull(reviewers);
        foreach (var reviewer in reviewers)
        {
            ArgumentNullException.ThrowIfNull(reviewer, nameof(reviewers));
            _ = Preconditions.CheckId(reviewer.Committee, nameof(reviewers));
            _ = reviewer.Reviewer.RequireSomeone($"A reviewer of committee '{reviewer.Committee}'", nameof(reviewers));

            if (reviewer.To is { } to && to < reviewer.From)
            {
                throw new ArgumentException($"The tenure of {reviewer.Reviewer} on committee '{reviewer.Committee}' ends on {to.Iso()}, before it starts on {reviewer.From.Iso()}.", nameof(reviewers));
            }

            if (!byCommittee.TryGetValue(reviewer.Committee, out var list))
            {
                byCommittee[reviewer.Committee] = list = [];
            }

            list.Add(reviewer);
        }
    }

    /// <summary>Gets a roster with no reviewers: no one reviews.</summary>
    public static CommitteeRoster Empty { get; } = new([]);

    /// <summary>Whether an actor reviews for a committee on a date.</summary>
    /// <param name="committee">The committee.</param>
    /// <param name="actor">The actor.</param>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when one of the actor's tenures on the committee covers the date.</returns>
    public bool IsReviewer(CommitteeId committee, Actor actor, LocalDate date)
    {
        if (byCommittee.TryGetValue(committee, out var list))
        {
            foreach (var reviewer in list)
            {
                if (reviewer.Reviewer == actor && reviewer.Covers(date))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
