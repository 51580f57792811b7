using CoProduction.Scheduling;

namespace CoProduction.Commands;

/// <summary>The working-day calendar (weekends, public holidays) an app chose for one learning site (<c>builder.AddWorkingDayCalendar(...)</c>).</summary>
internal sealed record WorkingDayCalendarRegistration(SiteId Site, WorkingDayCalendar Calendar);
