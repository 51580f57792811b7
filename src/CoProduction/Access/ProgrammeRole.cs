namespace CoProduction.Access;

/// <summary>A role over a whole programme: it acts at every site of the programme.</summary>
public enum ProgrammeRole
{
    /// <summary>The programme's lead: the site team's commands and the site's administration at every site of the programme, and the programme's own commands.</summary>
    Lead = 1,

    /// <summary>A researcher working across the programme's sites: the site team's commands at every site of the programme.</summary>
    CrossSiteResearcher = 2,
}
