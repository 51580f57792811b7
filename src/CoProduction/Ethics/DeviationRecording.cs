using System;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>What recording a protocol deviation records: checked when built, so an invalid one cannot exist.</summary>
public sealed record DeviationRecording
{
    /// <summary>Creates the details of a deviation to record.</summary>
    /// <param name="id">The deviation's id.</param>
    /// <param name="activity">What happened (method, respondent group, site, date of occurrence).</param>
    /// <param name="description">How it came about; free text, not blank.</param>
    /// <param name="discoveredOn">When the team learned of it; not before the activity's date.</param>
    /// <exception cref="ArgumentException">A default id, a blank description, or discovery before the occurrence.</exception>
    public DeviationRecording(DeviationId id, ResearchActivity activity, string description, LocalDate discoveredOn)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        Description = Preconditions.CheckText(description, nameof(description));
        if (discoveredOn < activity.Date)
        {
            throw new ArgumentException(
                $"Deviation '{id}' cannot be discovered ({Protocols.IsoDate.Iso(discoveredOn)}) before it occurred ({Protocols.IsoDate.Iso(activity.Date)}).",
                nameof(discoveredOn));
        }

        DiscoveredOn = discoveredOn;
    }

    /// <summary>Gets the deviation's id.</summary>
    public DeviationId Id { get; }

    /// <summary>Gets what happened.</summary>
    public ResearchActivity Activity { get; }

    /// <summary>Gets how it came about.</summary>
    public string Description { get; }

    /// <summary>Gets when the team learned of it; the reporting deadline counts from here.</summary>
    public LocalDate DiscoveredOn { get; }
}
