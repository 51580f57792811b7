namespace CoProduction.Ledger;

/// <summary>The wider activities managers are involved in (the paper's Table 2).</summary>
public enum WiderActivityKind
{
    /// <summary>A research conference or symposium, attended or presented at.</summary>
    Conference,

    /// <summary>A short course (for example health policy and systems research training).</summary>
    ShortCourse,

    /// <summary>An exchange or study visit to another site or country.</summary>
    ExchangeVisit,

    /// <summary>A nomination for an award (for example Heroines of Health).</summary>
    AwardNomination,
}
