namespace CoProduction.Access;

/// <summary>
/// Decides whether an actor may give a command: pure (no clock, no I/O; the same request and facts give the same answer)
/// and replaceable (register your own with <c>builder.UseAccessPolicy</c>). <see cref="AccessPolicy"/> is the default.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>Decides one request.</summary>
    /// <param name="request">Who, what, on which target, when.</param>
    /// <param name="facts">The rosters and the app's administrators and delegates.</param>
    /// <returns>Allowed, or denied with the reason and who would be allowed.</returns>
    AccessDecision Decide(AccessRequest request, AccessFacts facts);
}
