namespace CoProduction.Sites;

/// <summary>The level of the health system a learning site covers.</summary>
public enum SiteLevel
{
    /// <summary>A county (Kenya after devolution; for example Kilifi County).</summary>
    County = 1,

    /// <summary>A district (for example Sedibeng District).</summary>
    District = 2,

    /// <summary>A sub-district or sub-county (for example Mitchell's Plain).</summary>
    SubDistrict = 3,
}
