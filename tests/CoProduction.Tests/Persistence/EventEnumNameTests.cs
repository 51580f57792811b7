using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Persistence;

/// <summary>
/// Every enum an event carries is read and written by name only: the serializer's list of enums
/// (<c>EnumNameJsonConverter</c>) is complete. The enums are found by reflection over every event type
/// the registry lists, through properties, nullables, arrays and generic collections; each is then
/// tried through the serializer's own options: every defined value written as its name and read back,
/// a number refused.
/// </summary>
public sealed partial class EventEnumNameTests
{
    [Fact]
    public void Every_enum_reachable_from_a_library_event_is_read_and_written_by_name_only()
    {
        var enums = EnumsReachableFrom(EventSerializer.Default.Types.Select(t => t.ClrType));

        // When this fails: add the enums it names to EnumNameJsonConverter.Known (src/CoProduction/Persistence/EnumNameJsonConverter.cs).
        Assert.Empty(NotByName(EventSerializer.Default, enums));
        Assert.Contains(typeof(SiteLevel), enums);
        Assert.Contains(typeof(IsoDayOfWeek), enums);
    }

    [Fact]
    public void An_event_carrying_an_enum_the_serializer_does_not_list_is_named_whether_it_is_direct_nullable_or_in_a_collection()
    {
        var serializer = new EventSerializer(new EventTypeRegistry().AddContext(MoodJsonContext.Default));
        var enums = EnumsReachableFrom([typeof(MoodRecorded)]);

        Assert.Superset(new HashSet<Type> { typeof(Mood), typeof(Weather), typeof(Season), typeof(SiteLevel) }, enums.ToHashSet());
        Assert.Equal(["Mood", "Season", "Weather"], NotByName(serializer, enums).Order(StringComparer.Ordinal));
    }

    /// <summary>Every enum type reachable from <paramref name="roots"/>: through public instance properties of the library's and the tests' types, nullables, arrays and generic arguments (lists, sets, dictionaries, <see cref="ValueList{T}"/>).</summary>
    private static IReadOnlyCollection<Type> EnumsReachableFrom(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var enums = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                pending.Push(underlying);
            }
            else if (type.IsEnum)
            {
                enums.Add(type);
            }
            else if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
            }
            else
            {
                if (type.IsGenericType)
                {
                    foreach (var argument in type.GetGenericArguments())
                    {
                        pending.Push(argument);
                    }
                }

                if (IsOurs(type))
                {
                    foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        pending.Push(property.PropertyType);
                    }

                    foreach (var derived in type.GetCustomAttributes<JsonDerivedTypeAttribute>())
                    {
                        pending.Push(derived.DerivedType);
                    }
                }
            }
        }

        return enums;
    }

    /// <summary>The library's and the tests' types are walked into; the framework's and NodaTime's are values with their own converters.</summary>
    private static bool IsOurs(Type type)
        => type.Assembly.GetName().Name is { } name && name.StartsWith("CoProduction", StringComparison.Ordinal);

    /// <summary>The names of the enums the serializer does not read and write by name only: a defined value not written as its name or not read back, or a number read.</summary>
    private static IReadOnlyList<string> NotByName(EventSerializer serializer, IEnumerable<Type> enums)
    {
        // The options the serializer reads and writes payloads with (internal: the test asks them directly).
        var options = (JsonSerializerOptions)typeof(EventSerializer).GetProperty("Options", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(serializer)!;
        return [.. enums.Where(e => !ByNameOnly(e, options)).Select(e => e.Name)];
    }

    /// <summary>Whether every defined value is written as its name and read back, and a number is refused.</summary>
    private static bool ByNameOnly(Type enumType, JsonSerializerOptions options)
    {
        try
        {
            foreach (var value in Enum.GetValues(enumType))
            {
                var json = JsonSerializer.Serialize(value, enumType, options);
                if (json != JsonSerializer.Serialize(Enum.GetName(enumType, value)) || !value.Equals(JsonSerializer.Deserialize(json, enumType, options)))
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return false;
        }

        var number = Convert.ToInt64(Enum.GetValues(enumType).GetValue(0), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        try
        {
            _ = JsonSerializer.Deserialize(number, enumType, options);
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    public enum Mood
    {
        Calm,
        Tense,
    }

    public enum Weather
    {
        Dry,
        Rainy,
    }

    public enum Season
    {
        Long,
        Short,
    }

    /// <summary>A value an event carries, with an enum inside it.</summary>
    public sealed record Forecast(Weather Weather, SiteLevel Level);

    /// <summary>An app's event whose enums the library does not list: one direct, one nullable in a list inside a value, one a dictionary key.</summary>
    [EventName("mood.recorded")]
    public sealed record MoodRecorded(Mood Mood, ValueList<Forecast?> Forecasts, IReadOnlyDictionary<Season, string>? Notes, Instant At, Actor By) : IDomainEvent;

    [JsonSerializable(typeof(MoodRecorded))]
    [JsonSerializable(typeof(Forecast))]
    private sealed partial class MoodJsonContext : JsonSerializerContext;
}
