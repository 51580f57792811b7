namespace CoProduction.Access;

/// <summary>Who may give a command, by the kind of relation the actor must have to what the command addresses.</summary>
public enum AccessRule
{
    /// <summary>A researcher or manager of a site the command addresses, on that day at that site, or a programme role over the site.</summary>
    SiteTeam = 1,

    /// <summary>A researcher of a site the command addresses on that day, or a programme role over the site (drafting a protocol).</summary>
    SiteResearcher = 2,

    /// <summary>The member whose endorsement is recorded, themselves, or a delegate the app allows for that member.</summary>
    EndorsingMember = 3,

    /// <summary>The protocol's principal investigator: the actor who drafted it.</summary>
    PrincipalInvestigator = 4,

    /// <summary>A reviewer of the protocol's ethics committee on that day (the committee roster).</summary>
    Committee = 5,

    /// <summary>The principal investigator or a reviewer of the committee (an amendment released or applied by either side's decision).</summary>
    ProtocolParties = 6,

    /// <summary>The site's team (as <see cref="SiteTeam"/>), a programme lead over the site, or an administrator the app names.</summary>
    SiteAdministration = 7,

    /// <summary>An administrator the app names, or (for a programme's own commands) the programme's lead.</summary>
    Administration = 8,

    /// <summary>Only <see cref="Actor.System"/>: the library's own sweeps.</summary>
    System = 9,
}
