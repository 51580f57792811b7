namespace CoProduction.Ledger;

/// <summary>How a managerial request for support was made.</summary>
public enum RequestFormality
{
    /// <summary>Formally: for example to support or chair the development of the county health plan.</summary>
    Formal,

    /// <summary>Informally: for example transport for a supervisory visit, a presentation, facilitating a meeting, advice on a problem.</summary>
    Informal,
}
