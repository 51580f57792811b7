namespace CoProduction.ReadModels;

/// <summary>Which way a ledger trail is followed.</summary>
public enum TrailDirection
{
    /// <summary>Forward: from a record to what drew on it — an insight to the later insights built on it, the engagements that carried it, the outputs that draw on it and the impacts linked to any of them.</summary>
    Forward,

    /// <summary>Back: from a record to what it drew on — an impact to its outputs, engagements and insights, and on through the insights they cite and the insights those build on.</summary>
    Back,
}
