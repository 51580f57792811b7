using System;

namespace CoProduction.Access;

/// <summary>An access policy's answer: allowed, or denied with the reason and the roles that would allow it.</summary>
public sealed record AccessDecision
{
    private AccessDecision(bool allowed, string reason, string allowedRoles)
    {
        IsAllowed = allowed;
        Reason = reason;
        AllowedRoles = allowedRoles;
    }

    /// <summary>Gets a value indicating whether the command may be given.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets why, as a sentence: the role that allowed it, or what the actor lacks.</summary>
    public string Reason { get; }

    /// <summary>Gets who would be allowed, as a phrase, for example <c>a researcher or manager of site 'kilifi' on 2016-03-01</c>.</summary>
    public string AllowedRoles { get; }

    /// <summary>An allowed command.</summary>
    /// <param name="reason">The role that allows it, for example <c>researcher of site 'kilifi' on 2016-03-01</c>.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Allow(string reason) => new(true, Preconditions.CheckText(reason, nameof(reason)), string.Empty);

    /// <summary>A denied command.</summary>
    /// <param name="reason">What the actor lacks, as a sentence.</param>
    /// <param name="allowedRoles">Who would be allowed.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Deny(string reason, string allowedRoles)
        => new(false, Preconditions.CheckText(reason, nameof(reason)), Preconditions.CheckText(allowedRoles, nameof(allowedRoles)));
}
