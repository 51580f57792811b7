using System;

namespace CoProduction.Access;

/// <summary>
/// A command was refused because its actor may not give it: who tried, what, why not and which role would allow it.
/// Nothing was recorded.
/// </summary>
public sealed class AccessDeniedException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actor">Who tried; <c>default(Actor)</c> when the command named no actor.</param>
    /// <param name="permission">What the command needs; <see langword="null"/> when it was refused before its command was known (no actor).</param>
    /// <param name="target">What was addressed, for example <c>cycle 'kilifi-2016'</c>.</param>
    /// <param name="reason">Why not, as a sentence.</param>
    /// <param name="allowedRoles">Who would be allowed.</param>
    public AccessDeniedException(Actor actor, Permission? permission, string target, string reason, string allowedRoles)
        : base(Compose(actor, permission, target, reason, allowedRoles))
    {
        Actor = actor;
        Permission = permission;
        Target = target;
        Reason = reason;
        AllowedRoles = allowedRoles;
    }

    /// <summary>Gets who tried; <c>default(Actor)</c> when the command named no actor.</summary>
    public Actor Actor { get; }

    /// <summary>Gets what the command needs; <see langword="null"/> when refused for naming no actor.</summary>
    public Permission? Permission { get; }

    /// <summary>Gets what was addressed.</summary>
    public string Target { get; }

    /// <summary>Gets why the actor may not, as a sentence.</summary>
    public string Reason { get; }

    /// <summary>Gets who would be allowed, as a phrase.</summary>
    public string AllowedRoles { get; }

    private static string Compose(Actor actor, Permission? permission, string target, string reason, string allowedRoles)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(allowedRoles);
        var who = actor.IsDefault ? "A command naming no actor" : actor.ToString();
        var what = permission is null ? "act" : permission.Name;
        return $"{who} may not {what} on {target}: {reason.TrimEnd('.')}. Allowed: {allowedRoles}. Nothing was recorded.";
    }
}
