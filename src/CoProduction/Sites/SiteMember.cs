using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// A person in a learning site's team: who they are, their tenure periods per role, whether they
/// are one of the core people whose continuity holds the work together, and their engagements.
/// </summary>
/// <remarks>
/// The same <see cref="MemberId"/> may be a member of several sites; each site keeps its own record.
/// </remarks>
public sealed record SiteMember
{
    internal SiteMember(MemberId id, string displayName, string? pseudonym)
    {
        Id = id;
        DisplayName = displayName;
        Pseudonym = pseudonym;
    }

    /// <summary>Gets the member's id.</summary>
    public MemberId Id { get; }

    /// <summary>Gets the name shown in the app.</summary>
    public string DisplayName { get; }

    /// <summary>Gets the name used in research reports, or <see langword="null"/> to use none.</summary>
    public string? Pseudonym { get; }

    /// <summary>Gets a value indicating whether the member is marked as core (a key relationship of the site).</summary>
    public bool IsCore { get; internal init; }

    /// <summary>Gets every tenure period, in the order recorded.</summary>
    public ValueList<Tenure> Tenures { get; internal init; }

    /// <summary>Gets every engagement, in the order recorded.</summary>
    public ValueList<Engagement> Engagements { get; internal init; }

    /// <summary>Gets a value indicating whether the member's personal data was erased (<see cref="MemberErased"/>): their name reads as <see cref="Privacy.PersonalData.ErasedMarker"/>, their engagements keep no note.</summary>
    public bool IsErased { get; internal init; }

    /// <summary>
    /// Gets the pseudonym when there is one, else the display name. It does not know the site's naming: a site that chose
    /// pseudonyms only names a member without one by their id, so print <see cref="LearningSiteState.NameInReports"/>.
    /// </summary>
    public string NameForReports => Pseudonym ?? DisplayName;

    /// <summary>The member after their erasure: the name replaced by the marker, the engagements' notes dropped.</summary>
    internal SiteMember Erased()
    {
        var engagements = new Engagement[Engagements.Count];
        for (var i = 0; i < engagements.Length; i++)
        {
            engagements[i] = new Engagement(Engagements[i].On, Engagements[i].Kind, null);
        }

        return new SiteMember(Id, Privacy.PersonalData.ErasedMarker, Pseudonym)
        {
            IsCore = IsCore,
            Tenures = Tenures,
            Engagements = ValueList<Engagement>.Wrap(engagements),
            IsErased = true,
        };
    }

    /// <summary>Whether the member held any role on <paramref name="date"/>.</summary>
    /// <param name="date">The date, in the site's calendar.</param>
    /// <returns><see langword="true"/> when some tenure covers the date.</returns>
    public bool IsActiveOn(LocalDate date)
    {
        foreach (var tenure in Tenures)
        {
            if (tenure.Covers(date))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The roles the member held on <paramref name="date"/>, in the order first recorded.</summary>
    /// <param name="date">The date, in the site's calendar.</param>
    /// <returns>The roles; empty when none.</returns>
    public IReadOnlyList<MemberRole> RolesOn(LocalDate date)
    {
        List<MemberRole>? roles = null;
        foreach (var tenure in Tenures)
        {
            if (tenure.Covers(date))
            {
                (roles ??= new List<MemberRole>(2)).Add(tenure.Role);
            }
        }

        return roles is null ? [] : roles;
    }

    /// <summary>The open tenure of <paramref name="role"/>, if the member holds it now.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The open tenure, or <see langword="null"/>.</returns>
    public Tenure? OpenTenure(MemberRole role)
    {
        var i = OpenTenureIndex(role);
        return i < 0 ? null : Tenures[i];
    }

    internal int OpenTenureIndex(MemberRole role)
    {
        for (var i = 0; i < Tenures.Count; i++)
        {
            if (Tenures[i].IsOpen && Tenures[i].Role == role)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The most recent engagement on or before <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The date to look back from, included.</param>
    /// <returns>The latest engagement (the last recorded among those on the same day), or <see langword="null"/>.</returns>
    public Engagement? LastEngagement(LocalDate asOf)
    {
        Engagement? last = null;
        foreach (var engagement in Engagements)
        {
            if (engagement.On <= asOf && (last is null || engagement.On >= last.On))
            {
                last = engagement;
            }
        }

        return last;
    }
}
