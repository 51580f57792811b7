namespace CoProduction.Access;

/// <summary>An actor the app allows to record endorsements on a member's behalf (for example a site secretary for a county manager).</summary>
/// <param name="Delegate">Who records the endorsement.</param>
/// <param name="For">The member whose endorsement it is.</param>
public sealed record EndorsementDelegate(Actor Delegate, MemberId For);
