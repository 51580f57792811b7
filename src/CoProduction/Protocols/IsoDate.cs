using NodaTime;
using NodaTime.Text;

namespace CoProduction.Protocols;

/// <summary>Formats dates for messages the same way whatever the culture.</summary>
internal static class IsoDate
{
    internal static string Iso(this LocalDate date)
        => date == LocalDate.MaxIsoValue ? "(no end)" : LocalDatePattern.Iso.Format(date);
}
