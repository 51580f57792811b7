using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.TimeZones;

namespace CoProduction.Scheduling;

/// <summary>
/// How a meeting's local start time is placed on the time line on the two days a year when the
/// site's clocks change: in a gap (02:30 when clocks jump from 02:00 to 03:00) the time does not
/// exist; in an overlap (01:30 when clocks fall back from 02:00 to 01:00) it happens twice.
/// </summary>
/// <remarks>
/// Sites without daylight saving (<c>Africa/Nairobi</c>, <c>Africa/Johannesburg</c>) never meet
/// either case; a UK or US partner (<c>Europe/London</c>, <c>America/New_York</c>) does.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<LocalTimeResolution>))]
public enum LocalTimeResolution
{
    /// <summary>
    /// The default, and what RFC 5545 (iCalendar) prescribes: in a gap, shift forward by the gap's
    /// length (02:30 becomes 03:30); in an overlap, take the earlier of the two (the first 01:30).
    /// NodaTime's <see cref="Resolvers.LenientResolver"/>.
    /// </summary>
    ShiftForwardOrEarlier,

    /// <summary>In a gap, shift forward by the gap's length; in an overlap, take the later of the two.</summary>
    ShiftForwardOrLater,

    /// <summary>In a gap, take the first instant after it (02:30 becomes 03:00); in an overlap, take the earlier.</summary>
    EndOfGapOrEarlier,
}

/// <summary>Maps <see cref="LocalTimeResolution"/> to NodaTime resolvers.</summary>
internal static class LocalTimeResolutions
{
    private static readonly ZoneLocalMappingResolver ShiftForwardOrLater =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    private static readonly ZoneLocalMappingResolver EndOfGapOrEarlier =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The NodaTime resolver for a resolution.</summary>
    public static ZoneLocalMappingResolver Resolver(this LocalTimeResolution resolution) => resolution switch
    {
        LocalTimeResolution.ShiftForwardOrLater => ShiftForwardOrLater,
        LocalTimeResolution.EndOfGapOrEarlier => EndOfGapOrEarlier,
        _ => Resolvers.LenientResolver,
    };

    /// <summary>Places a local date and time in a zone with the resolution.</summary>
    public static ZonedDateTime Resolve(this LocalTimeResolution resolution, LocalDateTime local, DateTimeZone zone)
        => TryMapUnambiguously(local, zone, out var zoned) ? zoned : zone.ResolveLocal(local, resolution.Resolver());

    /// <summary>
    /// Maps a local time that lies well inside one zone interval without asking NodaTime for the full
    /// mapping (which allocates): such a time has exactly one instant, so every resolver agrees.
    /// </summary>
    /// <remarks>
    /// "Well inside" is two days from either transition, more than any change of offset in tzdb
    /// (the largest is Samoa's 24-hour jump in 2011), so no gap or overlap can reach the time.
    /// Anything nearer a transition, or a guess that lands in another interval, returns
    /// <see langword="false"/> and the caller resolves as usual.
    /// </remarks>
    internal static bool TryMapUnambiguously(LocalDateTime local, DateTimeZone zone, out ZonedDateTime zoned)
    {
        var asUtc = local.InUtc().ToInstant();
        var interval = zone.GetZoneInterval(asUtc);
        var candidate = asUtc - Duration.FromSeconds(interval.WallOffset.Seconds);
        if (interval.Contains(candidate)
            && (!interval.HasStart || candidate - interval.Start >= TransitionMargin)
            && (!interval.HasEnd || interval.End - candidate >= TransitionMargin))
        {
            zoned = new ZonedDateTime(candidate, zone);
            return true;
        }

        zoned = default;
        return false;
    }

    private static readonly Duration TransitionMargin = Duration.FromDays(2);
}
