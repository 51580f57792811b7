using System.Text.Json;
using CoProduction.Scheduling;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Tests.Scheduling;

/// <summary>Zones, plans and JSON options shared by the scheduling tests.</summary>
internal static class Plans
{
    public static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    public static readonly DateTimeZone Johannesburg = DateTimeZoneProviders.Tzdb["Africa/Johannesburg"];
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static MeetingSeriesPlan Plan(
        string id,
        Cadence cadence,
        LocalDate first,
        LocalDate last,
        DateTimeZone? zone = null,
        LocalTime? start = null,
        MeetingKind kind = MeetingKind.ResearcherReflection,
        string site = "kilifi",
        LocalTimeResolution resolution = LocalTimeResolution.ShiftForwardOrEarlier,
        int minutes = 120)
        => new(
            new SeriesId(id),
            kind,
            "Meeting " + id,
            new SiteId(site),
            zone ?? Nairobi,
            start ?? new LocalTime(14, 0),
            Duration.FromMinutes(minutes),
            first,
            last,
            ValueList.Of(new MemberId("amina"), new MemberId("peter")),
            cadence,
            resolution);

    public static Instant Utc(int y, int m, int d, int h = 0, int min = 0) => Instant.FromUtc(y, m, d, h, min);
}
