using System.Text.Json.Serialization;
using CoProduction.Programmes;
using CoProduction.Scheduling;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.ReadModels;

// The programme comparison's documents. Each aggregate keeps its own intermediate document, so an event recomputes
// only what its aggregate contributes: a site its turnover, a protocol its spans in force, a cycle and a series
// their entries in the site-year documents they touch.

/// <summary>A document of the programme comparison; the kind is written as <c>$kind</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(ComparisonProgramme), "programme")]
[JsonDerivedType(typeof(ComparisonSite), "site")]
[JsonDerivedType(typeof(ComparisonSiteYear), "site-year")]
[JsonDerivedType(typeof(ComparisonCycle), "cycle")]
[JsonDerivedType(typeof(ComparisonSeries), "series")]
[JsonDerivedType(typeof(ComparisonProtocol), "protocol")]
internal abstract record ComparisonDocument;

/// <summary>A programme: its name, period and sites, in its order.</summary>
internal sealed record ComparisonProgramme(ProgrammeId Programme, string Name, DateInterval Period, ValueList<SiteId> Sites) : ComparisonDocument;

/// <summary>
/// A site: its registration and its turnover for the years <c>Turnover[0].Year</c> to <c>Turnover[^1].Year</c>: from the
/// year before its earliest tenure date to the year after its latest, so that every earlier year reads as the first
/// entry and every later year as the last (no dated fact lies outside them).
/// </summary>
internal sealed record ComparisonSite(SiteId Site, string Name, CountryCode Country, SiteLevel Level, ValueList<SiteTurnover> Turnover) : ComparisonDocument;

/// <summary>A site's turnover in one year: the whole team and the managers' roles.</summary>
internal sealed record SiteTurnover(int Year, YearTurnover Members, YearTurnover Managers);

/// <summary>What the site's cycles and meeting series contribute to one year, one entry each, by id.</summary>
internal sealed record ComparisonSiteYear(SiteId Site, int Year, ValueList<CycleYear> Cycles, ValueList<SeriesYear> Series) : ComparisonDocument;

/// <summary>One cycle's part of a site-year: started, completed, and the stages that ended in the year with their total length without pauses.</summary>
internal sealed record CycleYear(CycleId Cycle, bool Started, bool Completed, int StagesEnded, Duration StageTime);

/// <summary>One series' meetings planned in a year and how they went.</summary>
internal sealed record SeriesYear(SeriesId Series, CadenceAdherence Adherence);

/// <summary>A cycle: its site and the years it has entries in.</summary>
internal sealed record ComparisonCycle(CycleId Cycle, SiteId Site, ValueList<int> Years) : ComparisonDocument;

/// <summary>A meeting series: its site and the years it has entries in.</summary>
internal sealed record ComparisonSeries(SeriesId Series, SiteId Site, ValueList<int> Years) : ComparisonDocument;

/// <summary>A protocol: its title and the spans of days each version was in force, with the sites its scope named.</summary>
internal sealed record ComparisonProtocol(ProtocolId Protocol, string Title, ValueList<ProtocolSpan> Spans) : ComparisonDocument;

/// <summary>Days on which one version was in force: from <c>From</c> to <c>To</c> included (<see langword="null"/>: open-ended).</summary>
internal sealed record ProtocolSpan(int Version, LocalDate From, LocalDate? To, ValueList<SiteId> Sites);

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ComparisonDocument))]
[JsonSerializable(typeof(SiteId))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(SiteTurnover))]
[JsonSerializable(typeof(CycleYear))]
[JsonSerializable(typeof(SeriesYear))]
[JsonSerializable(typeof(ProtocolSpan))]
internal sealed partial class ProgrammeComparisonJson : JsonSerializerContext;
