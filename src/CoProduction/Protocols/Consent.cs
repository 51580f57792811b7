using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// A consent recorded under a protocol: a respondent group's collective agreement (for example the facility managers of
/// a sub-district, agreed at their meeting) or one named participant's, to some of the protocol's data-collection
/// methods, from a day; withdrawn from a day. The ethics gate consults it (<see cref="Ethics.ProtocolEthicsGate"/>).
/// </summary>
/// <param name="Group">The respondent group the consent belongs to (a participant's group).</param>
/// <param name="Participant">The participant, by study code; <see langword="null"/> for the group's collective consent.</param>
/// <param name="Methods">The methods consented to; data collected by another method needs a new consent.</param>
/// <param name="GivenOn">The day consent was given.</param>
/// <param name="WithdrawnOn">The day it was withdrawn, from which no further data is collected; <see langword="null"/> while it stands.</param>
public sealed record Consent(RespondentGroup Group, ParticipantId? Participant, ValueList<DataCollectionMethod> Methods, LocalDate GivenOn, LocalDate? WithdrawnOn)
{
    /// <summary>Gets whether the consent stands today: not withdrawn.</summary>
    public bool Stands => WithdrawnOn is null;

    /// <summary>Gets who consented, for messages: <c>participant 'mp-fm-07' (facility-managers)</c> or <c>respondent group facility-managers</c>.</summary>
    public string Subject => Describe(Group, Participant);

    /// <summary>Whether it was given on or before <paramref name="date"/> and not withdrawn by then.</summary>
    /// <param name="date">The day of the data collection.</param>
    /// <returns><see langword="true"/> when it stands on that day.</returns>
    public bool StandsOn(LocalDate date) => GivenOn <= date && (WithdrawnOn is not { } withdrawn || date < withdrawn);

    /// <summary>Describes a consent's subject, for messages.</summary>
    internal static string Describe(RespondentGroup group, ParticipantId? participant)
        => participant is { } p ? $"participant '{p}' ({group})" : $"respondent group {group}";

    /// <summary>Whether this consent is of that subject.</summary>
    internal bool IsOf(RespondentGroup group, ParticipantId? participant) => Group == group && Participant == participant;
}
