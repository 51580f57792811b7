using System;
using CoProduction.Protocols;

namespace CoProduction.Cycles;

/// <summary>How an activity collects research data: a method and the group the data comes from.</summary>
/// <remarks>An activity with data collection must be covered by an approved protocol (the ethics gate) whenever it happens.</remarks>
public sealed record DataCollection
{
    /// <summary>Creates the data collection of an activity.</summary>
    /// <param name="method">The data-collection method, for example journaling; not <c>default</c>.</param>
    /// <param name="respondentGroup">Who the data is collected from, for example facility managers; not <c>default</c>.</param>
    /// <exception cref="ArgumentException">A <c>default</c> method or group.</exception>
    public DataCollection(DataCollectionMethod method, RespondentGroup respondentGroup)
    {
        Method = method;
        RespondentGroup = respondentGroup;
    }

    /// <summary>Gets the data-collection method.</summary>
    /// <exception cref="ArgumentException">Set to <c>default</c>.</exception>
    public DataCollectionMethod Method
    {
        get;
        init => field = value.Code is null
            ? throw new ArgumentException("A data-collection method is required; this one is the default, empty value: use DataCollectionMethod.Interview and the like.", nameof(Method))
            : value;
    }

    /// <summary>Gets who the data is collected from.</summary>
    /// <exception cref="ArgumentException">Set to <c>default</c>.</exception>
    public RespondentGroup RespondentGroup
    {
        get;
        init => field = value.Code is null
            ? throw new ArgumentException("A respondent group is required; this one is the default, empty value: use RespondentGroup.FacilityManagers and the like.", nameof(RespondentGroup))
            : value;
    }
}
