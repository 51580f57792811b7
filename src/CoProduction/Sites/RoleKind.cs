namespace CoProduction.Sites;

/// <summary>The kinds of role a member can hold in a learning site's team.</summary>
public enum RoleKind
{
    /// <summary>A researcher of the partner institution.</summary>
    Researcher = 1,

    /// <summary>A health manager (see <see cref="ManagementLevel"/> and <see cref="Seniority"/>).</summary>
    Manager = 2,

    /// <summary>A front-line health worker.</summary>
    HealthWorker = 3,

    /// <summary>A facilitator from outside the site's teams.</summary>
    ExternalFacilitator = 4,

    /// <summary>A member of an ethics review committee or of an informal science/ethics review group.</summary>
    EthicsReviewer = 5,

    /// <summary>A representative of the community (for example a health committee member).</summary>
    CommunityRepresentative = 6,
}
