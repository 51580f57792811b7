using System;
using System.Text.Json.Serialization;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>
/// A piece of research the ethics gate is asked about: collecting data by a method from a
/// respondent group at a site on a date.
/// </summary>
/// <param name="Title">How people call it, for messages (for example "journaling with facility managers").</param>
/// <param name="Method">The data-collection method.</param>
/// <param name="RespondentGroup">Who the data is collected from.</param>
/// <param name="Site">Where.</param>
/// <param name="Date">When, in the site's calendar.</param>
/// <param name="Participants">The participants it collects from, by study code, when it names them: each needs a consent standing on the date under the covering protocol.</param>
public sealed record ResearchActivity(
    string Title,
    DataCollectionMethod Method,
    RespondentGroup RespondentGroup,
    SiteId Site,
    LocalDate Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] ValueList<ParticipantId> Participants = default);
