namespace CoProduction.Privacy;

/// <summary>An event that holds personal data (<see cref="PersonalDataAttribute"/> properties) of one person.</summary>
public interface IPersonalDataEvent : Events.IDomainEvent
{
    /// <summary>Gets the person the event's personal data belongs to, for example <see cref="PersonalData.SubjectOf"/> of a site's member.</summary>
    string PersonalDataSubject { get; }
}
