using System;

namespace CoProduction.Privacy;

/// <summary>
/// Marks a text property of an event as personal data of the event's <see cref="IPersonalDataEvent.PersonalDataSubject"/>:
/// with a <see cref="PersonalDataProtector"/> configured, the store keeps it sealed under that person's key, and once the
/// person is erased it reads as <see cref="PersonalData.ErasedMarker"/>.
/// </summary>
/// <remarks>
/// Put it on the property (for a positional record, <c>[property: PersonalData]</c>) of a <see cref="string"/> value,
/// in an event type that implements <see cref="IPersonalDataEvent"/>; the serializer refuses any other use when it is built.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class PersonalDataAttribute : Attribute;
