using CoProduction.Protocols;

namespace CoProduction.Cycles;

/// <summary>How an activity collects research data: a method and the group the data comes from.</summary>
/// <remarks>An activity with data collection must be covered by an approved protocol (the ethics gate) whenever it happens.</remarks>
/// <param name="Method">The data-collection method, for example journaling.</param>
/// <param name="RespondentGroup">Who the data is collected from, for example facility managers.</param>
public sealed record DataCollection(DataCollectionMethod Method, RespondentGroup RespondentGroup);
