using System.Globalization;

namespace CoProduction.Privacy;

/// <summary>The names personal data is kept under, and what an erased value reads as.</summary>
public static class PersonalData
{
    /// <summary>What a personal value reads as once its person is erased (a name, a note): <c>[erased]</c>.</summary>
    public const string ErasedMarker = "[erased]";

    /// <summary>The subject a site's member's personal data is kept under: <c>member/{site}/{member}</c>.</summary>
    /// <param name="site">The site.</param>
    /// <param name="member">The member (the same person at another site is another subject: each site keeps its own record).</param>
    /// <returns>The subject.</returns>
    public static string SubjectOf(SiteId site, MemberId member)
        => string.Create(CultureInfo.InvariantCulture, $"member/{site}/{member}");
}
