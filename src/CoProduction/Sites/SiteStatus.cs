namespace CoProduction.Sites;

/// <summary>Where a learning site stands: a site is a registry, so once registered it stays so.</summary>
public enum SiteStatus
{
    /// <summary>Registered: every command is possible, and only the rules of the domain refuse one.</summary>
    Registered = 0,
}
