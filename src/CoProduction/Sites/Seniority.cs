namespace CoProduction.Sites;

/// <summary>How senior a manager is.</summary>
public enum Seniority
{
    /// <summary>Not a manager, or not recorded.</summary>
    None = 0,

    /// <summary>A senior manager.</summary>
    Senior = 1,

    /// <summary>A middle-level manager.</summary>
    Middle = 2,
}
