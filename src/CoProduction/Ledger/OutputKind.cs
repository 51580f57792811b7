namespace CoProduction.Ledger;

/// <summary>What kind of output the work produced.</summary>
public enum OutputKind
{
    /// <summary>A paper: a peer-reviewed journal article or a working paper.</summary>
    Paper,

    /// <summary>A teaching case (for example around complex health systems, in open-access curricula).</summary>
    TeachingCase,

    /// <summary>A presentation at a conference, a symposium or a meeting of managers.</summary>
    Presentation,

    /// <summary>A policy brief.</summary>
    PolicyBrief,

    /// <summary>A curriculum or a part of one.</summary>
    Curriculum,
}
