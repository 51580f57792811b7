namespace CoProduction.ReadModels;

/// <summary>The four kinds of record the ledger links: insights, wider engagements, outputs and impacts.</summary>
public enum LedgerRecordKind
{
    /// <summary>An insight (stream category <c>insight</c>).</summary>
    Insight,

    /// <summary>A wider engagement of the paper's Table 2 (stream category <c>engagement</c>).</summary>
    Engagement,

    /// <summary>An output: a paper, a teaching case, a presentation, a policy brief, a curriculum (stream category <c>output</c>).</summary>
    Output,

    /// <summary>An impact, instrumental or conceptual (stream category <c>impact</c>).</summary>
    Impact,
}
