namespace CoProduction.Ledger;

/// <summary>A level of the health system: where an engagement reached, or where an impact was seen.</summary>
public enum SystemLevel
{
    /// <summary>A sub-district or sub-county (for example Mitchell's Plain).</summary>
    SubDistrict,

    /// <summary>A district or a county (for example Sedibeng District, Kilifi County).</summary>
    DistrictOrCounty,

    /// <summary>A province (for example the Western Cape).</summary>
    Provincial,

    /// <summary>The country.</summary>
    National,

    /// <summary>Beyond one country: global fora, symposia, networks.</summary>
    Global,
}
