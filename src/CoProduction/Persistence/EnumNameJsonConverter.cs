using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Persistence;

/// <summary>
/// Reads and writes every enum as the exact name of a defined value: no numbers (<c>42</c>, <c>"7"</c>),
/// no other casing, no combined flags, no undefined value — replay and import accept what commands
/// accept (<see cref="Preconditions.CheckDefined"/>), no more.
/// </summary>
internal sealed class EnumNameJsonConverter : JsonConverterFactory
{
    /// <summary>
    /// The enums the library's events carry, each with its converter: listed, not discovered, so that
    /// nothing is built by reflection (trimming and AOT); a test fails when an event carries an enum
    /// missing here. Apps' enums keep the converter their own JSON context gives them.
    /// </summary>
    private static readonly FrozenDictionary<Type, Func<JsonConverter>> Known = new Dictionary<Type, Func<JsonConverter>>
    {
        [typeof(Cycles.ActivityKind)] = static () => new Names<Cycles.ActivityKind>(),
        [typeof(Cycles.CycleStage)] = static () => new Names<Cycles.CycleStage>(),
        [typeof(Cycles.EvaluationOutcome)] = static () => new Names<Cycles.EvaluationOutcome>(),
        [typeof(Cycles.OutOfApprovalActions)] = static () => new Names<Cycles.OutOfApprovalActions>(),
        [typeof(Cycles.ReflectionMeetingKind)] = static () => new Names<Cycles.ReflectionMeetingKind>(),
        [typeof(Cycles.RevisionDecision)] = static () => new Names<Cycles.RevisionDecision>(),
        [typeof(Cycles.ShockKind)] = static () => new Names<Cycles.ShockKind>(),
        [typeof(Ethics.DeviationStatus)] = static () => new Names<Ethics.DeviationStatus>(),
        [typeof(Ethics.DilemmaStatus)] = static () => new Names<Ethics.DilemmaStatus>(),
        [typeof(Ledger.InsightSourceKind)] = static () => new Names<Ledger.InsightSourceKind>(),
        [typeof(Ledger.InsightStatus)] = static () => new Names<Ledger.InsightStatus>(),
        [typeof(Ledger.SeedKind)] = static () => new Names<Ledger.SeedKind>(),
        [typeof(Ledger.ImpactChange)] = static () => new Names<Ledger.ImpactChange>(),
        [typeof(Ledger.ImpactStatus)] = static () => new Names<Ledger.ImpactStatus>(),
        [typeof(Ledger.OutputKind)] = static () => new Names<Ledger.OutputKind>(),
        [typeof(Ledger.OutputStatus)] = static () => new Names<Ledger.OutputStatus>(),
        [typeof(Ledger.WiderEngagementKind)] = static () => new Names<Ledger.WiderEngagementKind>(),
        [typeof(Ledger.WiderEngagementStatus)] = static () => new Names<Ledger.WiderEngagementStatus>(),
        [typeof(Ledger.SystemLevel)] = static () => new Names<Ledger.SystemLevel>(),
        [typeof(Ledger.RequestFormality)] = static () => new Names<Ledger.RequestFormality>(),
        [typeof(Ledger.WiderActivityKind)] = static () => new Names<Ledger.WiderActivityKind>(),
        [typeof(Programmes.ProgrammeStatus)] = static () => new Names<Programmes.ProgrammeStatus>(),
        [typeof(Protocols.AmendmentStatus)] = static () => new Names<Protocols.AmendmentStatus>(),
        [typeof(Protocols.ProtocolKind)] = static () => new Names<Protocols.ProtocolKind>(),
        [typeof(Protocols.ProtocolStatus)] = static () => new Names<Protocols.ProtocolStatus>(),
        [typeof(Protocols.ScopeItemKind)] = static () => new Names<Protocols.ScopeItemKind>(),
        [typeof(Scheduling.CadenceKind)] = static () => new Names<Scheduling.CadenceKind>(),
        [typeof(Scheduling.LocalTimeResolution)] = static () => new Names<Scheduling.LocalTimeResolution>(),
        [typeof(Scheduling.MeetingKind)] = static () => new Names<Scheduling.MeetingKind>(),
        [typeof(Scheduling.OccurrenceStatus)] = static () => new Names<Scheduling.OccurrenceStatus>(),
        [typeof(Scheduling.ReminderKind)] = static () => new Names<Scheduling.ReminderKind>(),
        [typeof(Scheduling.ShortMonthRule)] = static () => new Names<Scheduling.ShortMonthRule>(),
        [typeof(Scheduling.WeekOfMonth)] = static () => new Names<Scheduling.WeekOfMonth>(),
        [typeof(Sites.ManagementLevel)] = static () => new Names<Sites.ManagementLevel>(),
        [typeof(Sites.RoleKind)] = static () => new Names<Sites.RoleKind>(),
        [typeof(Sites.Seniority)] = static () => new Names<Sites.Seniority>(),
        [typeof(Sites.SiteLevel)] = static () => new Names<Sites.SiteLevel>(),
        [typeof(Sites.MemberNaming)] = static () => new Names<Sites.MemberNaming>(),
        [typeof(Sites.SiteStatus)] = static () => new Names<Sites.SiteStatus>(),
        [typeof(NodaTime.IsoDayOfWeek)] = static () => new Names<NodaTime.IsoDayOfWeek>(),
    }.ToFrozenDictionary();

    /// <summary>Gets the enums this converter reads and writes (for the test that every event's enum is listed).</summary>
    internal static IEnumerable<Type> KnownTypes => Known.Keys;

    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => Known.ContainsKey(typeToConvert);

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => Known.TryGetValue(typeToConvert, out var create) ? create() : null;

    /// <summary>Reads and writes one enum by its names.</summary>
    private sealed class Names<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> ByName = Enum.GetNames<TEnum>().ToFrozenDictionary(n => n, Enum.Parse<TEnum>, StringComparer.Ordinal);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A {typeof(TEnum).Name} is written as the name of a value (one of {string.Join(", ", ByName.Keys)}); found a JSON {reader.TokenType}.");
            }

            var name = reader.GetString()!;
            return ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException($"'{InputLimitException.Show(name)}' is not a {typeof(TEnum).Name}: the name must be exactly one of {string.Join(", ", ByName.Keys)} (no numbers, no other casing).");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(Enum.GetName(value) ?? throw new JsonException($"{value} is not a defined {typeof(TEnum).Name}: only defined values are stored."));
        }
    }
}
