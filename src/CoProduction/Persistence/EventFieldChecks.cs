using System;
using System.Collections;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using NodaTime;

namespace CoProduction.Persistence;

/// <summary>
/// Checks the text fields of the library's own events after they are read, through the same
/// <see cref="Preconditions"/> the commands use: names and titles as names, time-zone ids against the
/// provider, every other text as free text, and every other list for repeats (an event's own lists
/// come from values that refuse them). Ids, actors, codes and nested records check themselves when
/// they are built; this covers the plain strings and lists, which JSON alone cannot.
/// </summary>
/// <remarks>Built once per event type when the serializer is built, from its JSON metadata: no reflection on the read path.</remarks>
internal sealed class EventFieldChecks
{
    /// <summary>The events' fields (by JSON name) that commands take as names or titles (one line, at most <see cref="InputLimits.NameLength"/>).</summary>
    private static readonly FrozenSet<string> NameFields = new[]
    {
        "name", "title", "institution", "displayName", "pseudonym", "focus", "to", "partnerInstitutions",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The events' fields (by JSON name) that hold an IANA time-zone id.</summary>
    private const string ZoneField = "timeZoneId";

    private readonly Field[] fields;

    private EventFieldChecks(Field[] fields) => this.fields = fields;

    private enum Kind
    {
        Name,
        Names,
        Text,
        Texts,
        Zone,
        Items,
    }

    /// <summary>The checks of one event type; <see langword="null"/> when it has no plain text field or is not one of the library's events.</summary>
    /// <param name="info">The event type's JSON metadata.</param>
    /// <returns>The checks, or <see langword="null"/>.</returns>
    internal static EventFieldChecks? For(JsonTypeInfo info)
    {
        if (info.Type.Assembly != typeof(EventFieldChecks).Assembly)
        {
            return null;
        }

        var fields = new List<Field>();
        foreach (var property in info.Properties)
        {
            if (property.Get is not { } get)
            {
                continue;
            }

            var isName = NameFields.Contains(property.Name);
            Kind? kind = property.PropertyType == typeof(string)
                ? property.Name == ZoneField ? Kind.Zone : isName ? Kind.Name : Kind.Text
                : property.PropertyType == typeof(ValueList<string>)
                    ? isName ? Kind.Names : Kind.Texts
                    : property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ValueList<>)
                        ? Kind.Items
                        : null;
            if (kind is { } k)
            {
                fields.Add(new Field(property.Name, k, get));
            }
        }

        return fields.Count == 0 ? null : new EventFieldChecks([.. fields]);
    }

    /// <summary>Checks one read event.</summary>
    /// <param name="event">The event.</param>
    /// <param name="zones">The provider its time-zone ids must be known to.</param>
    /// <returns><see langword="null"/> when every field holds; otherwise the JSON path of the first broken field and why.</returns>
    internal string? Problem(object @event, IDateTimeZoneProvider zones)
    {
        foreach (var field in fields)
        {
            var value = field.Get(@event);
            if (value is null)
            {
                continue;
            }

            try
            {
                switch (field.Kind)
                {
                    case Kind.Name:
                        _ = Preconditions.CheckName((string)value, field.JsonName);
                        break;
                    case Kind.Names:
                        _ = Preconditions.CheckNames((ValueList<string>)value, field.JsonName);
                        break;
                    case Kind.Text:
                        _ = Preconditions.CheckText((string)value, field.JsonName);
                        break;
                    case Kind.Texts:
                        _ = Preconditions.CheckTexts((ValueList<string>)value, field.JsonName);
                        break;
                    case Kind.Zone:
                        _ = Sites.TimeZoneIds.Find(zones, (string)value);
                        break;
                    case Kind.Items:
                        CheckDistinct((IEnumerable)value, field.JsonName);
                        break;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or Sites.UnknownTimeZoneException)
            {
                return $"$.{field.JsonName}: {ex.Message}";
            }
        }

        return null;
    }

    /// <summary>The same refusal as <see cref="Preconditions.CheckDistinct"/>, for a list read from an event whose item type is known only at run time.</summary>
    private static void CheckDistinct(IEnumerable items, string jsonName)
    {
        var seen = new HashSet<object?>();
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                throw Preconditions.Repeated(item, jsonName);
            }
        }
    }

    private sealed record Field(string JsonName, Kind Kind, Func<object, object?> Get);
}
