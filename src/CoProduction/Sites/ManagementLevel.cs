namespace CoProduction.Sites;

/// <summary>The level of the health system a manager works at.</summary>
public enum ManagementLevel
{
    /// <summary>Not a manager, or the level is not recorded.</summary>
    None = 0,

    /// <summary>A county health management team (Kenya after devolution).</summary>
    County = 1,

    /// <summary>A district health management team.</summary>
    District = 2,

    /// <summary>A sub-district or sub-county team.</summary>
    SubDistrict = 3,

    /// <summary>A facility: a clinic, health centre or hospital.</summary>
    Facility = 4,
}
