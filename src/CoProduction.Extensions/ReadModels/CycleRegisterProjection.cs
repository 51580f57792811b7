using System.Collections.Generic;
using CoProduction.Cycles;
using CoProduction.Projections;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The cycle register: one <see cref="CycleEntry"/> per cycle, summarized from the cycle's state, found by site and
/// stage (<c>site-stage</c>), open cycles by site (<c>open</c>), and open stages by when their expected length runs out (<c>stage-due</c>).
/// </summary>
internal sealed class CycleRegisterProjection(IDateTimeZoneProvider zones) : AggregateProjection<Cycle, CycleEntry>(new CycleRegisterJson(ReadModelJson.Options()).CycleEntry)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.cycle-register";

    /// <summary>The index of cycles by (site, stage, number).</summary>
    public const string SiteStage = "site-stage";

    /// <summary>The index of cycles not final, by (site, number).</summary>
    public const string Open = "open";

    /// <summary>The index of open stages by the instant their expected length runs out.</summary>
    public const string StageDueIndex = "stage-due";

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    /// <remarks>Version 2 keeps every pause (<see cref="CycleEntry.Pauses"/>) for the reports' timelines: the register is rebuilt once.</remarks>
    public override int Version => 2;

    /// <summary>The <c>site-stage</c> value of a site's stage and number.</summary>
    public static string SiteStageValue(SiteId site, CycleStage stage, int number)
        => DocumentIndexEntry.Compose(site.Value, stage.ToString(), DocumentIndexEntry.Of(number));

    /// <inheritdoc/>
    protected override CycleEntry? Summarize(Cycle aggregate)
    {
        var state = aggregate.State;
        if (!state.IsStarted)
        {
            return null;
        }

        var visit = state.CurrentVisit;
        var pause = state.Stage == CycleStage.Paused && !state.Pauses.IsEmpty ? state.Pauses[state.Pauses.Count - 1] : null;
        var since = pause?.PausedAt ?? (state.IsFinal ? visit?.Left : visit?.Entered) ?? state.StartedAt;
        return new CycleEntry(
            aggregate.Id,
            state.Site,
            state.Number,
            state.Stage,
            since,
            state.IsFinal,
            pause,
            state.Pauses,
            state.Timeline,
            state.ExpectedStageLengths,
            aggregate.CurrentStageExpectedEnd(zones),
            state.TimeZoneId,
            aggregate.Version,
            0);
    }

    /// <inheritdoc/>
    protected override CycleEntry? Summarize(Cycle aggregate, ProjectedEvent last)
        => Summarize(aggregate) is { } entry ? entry with { Position = last.Stored.Position } : null;

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(CycleEntry document)
    {
        yield return new(SiteStage, SiteStageValue(document.Site, document.Stage, document.Number));
        if (!document.IsFinal)
        {
            yield return new(Open, DocumentIndexEntry.Compose(document.Site.Value, DocumentIndexEntry.Of(document.Number)));
        }

        if (document.StageDue is { } due)
        {
            yield return new(StageDueIndex, DocumentIndexEntry.Of(due));
        }
    }
}
