using System;
using System.Text.Json.Serialization;
using CoProduction.Protocols;

namespace CoProduction.Cycles;

/// <summary>How an activity collects research data: a method and the group the data comes from.</summary>
/// <remarks>An activity with data collection must be covered by an approved protocol (the ethics gate) whenever it happens.</remarks>
public sealed record DataCollection
{
    /// <summary>Creates the data collection of an activity.</summary>
    /// <param name="method">The data-collection method, for example journaling; not <c>default</c>.</param>
    /// <param name="respondentGroup">Who the data is collected from, for example facility managers; not <c>default</c>.</param>
    /// <param name="participants">
    /// The participants it collects from, by study code, when it names them (for example the managers who keep a journal);
    /// empty when it does not. The ethics gate then asks that each has a consent standing under the covering protocol on the
    /// activity's day (<see cref="Protocols.Protocol.RecordConsent"/>).
    /// </param>
    /// <exception cref="ArgumentException">A <c>default</c> method, group or participant.</exception>
    /// <exception cref="InputLimitException">A participant named twice, or too many.</exception>
    public DataCollection(DataCollectionMethod method, RespondentGroup respondentGroup, ValueList<ParticipantId> participants = default)
    {
        Method = method;
        RespondentGroup = respondentGroup;
        Participants = participants;
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
        init => field = RespondentGroup.Require(value, nameof(RespondentGroup));
    }

    /// <summary>Gets the participants it collects from, by study code; empty when it names none (then only a group's withdrawn consent can stop it).</summary>
    /// <exception cref="ArgumentException">Set with a <c>default</c> participant.</exception>
    /// <exception cref="InputLimitException">Set with a participant named twice (<see cref="InputRule.Repeated"/>) or more than <see cref="InputLimits.ListCount"/>.</exception>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ValueList<ParticipantId> Participants
    {
        get;
        init
        {
            foreach (var participant in value)
            {
                Preconditions.CheckId(participant, nameof(Participants));
            }

            field = Preconditions.CheckDistinct(value, nameof(Participants));
        }
    }
}
