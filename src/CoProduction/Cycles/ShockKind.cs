using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>What kind of shock interrupted a cycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShockKind>))]
public enum ShockKind
{
    /// <summary>A health workers' strike (for example Kenya, 2017).</summary>
    Strike = 0,

    /// <summary>Devolution or another reorganisation of the health system's governance.</summary>
    Devolution = 1,

    /// <summary>Managerial change or instability: key managers leaving or moving.</summary>
    ManagerialChange = 2,

    /// <summary>Any other shock; the description says what.</summary>
    Other = 3,
}
