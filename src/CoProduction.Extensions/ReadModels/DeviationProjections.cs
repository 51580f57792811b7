using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Projections;

namespace CoProduction.ReadModels;

/// <summary>The deviations of the register: indexed open by due date, by protocol and by site (each by due date).</summary>
internal sealed class DeviationProjection() : AggregateProjection<ProtocolDeviation, DeviationEntry>(new DeviationJson(ReadModelJson.Options()).DeviationEntry)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.deviations";

    /// <summary>Open deviations (not yet reported) by their report's due date.</summary>
    public const string OpenDueIndex = "open-due";

    /// <summary>Deviations by (protocol, due date).</summary>
    public const string ProtocolIndex = "protocol";

    /// <summary>Deviations by (site, due date).</summary>
    public const string SiteIndex = "site";

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    public override int Version => 2;

    /// <inheritdoc/>
    protected override DeviationEntry Summarize(ProtocolDeviation aggregate)
    {
        // The state holds no instants: when it was recorded and closed are its events' own.
        var state = aggregate.State;
        return new DeviationEntry(
            state.Id,
            state.Protocol,
            state.Activity!.Site,
            state.Activity.Title,
            state.Status,
            state.OccurredOn,
            state.DiscoveredOn,
            state.ReportDueOn,
            state.ReportedOn,
            state.WasReportedLate,
            aggregate.History[0].At,
            aggregate.History.OfType<DeviationClosed>().LastOrDefault()?.At,
            state.Outcome,
            state.ProtocolVersion,
            state.Cycle,
            state.TimeZoneId);
    }

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(DeviationEntry document)
    {
        var due = DocumentIndexEntry.Of(document.ReportDueOn);
        if (document.Status == DeviationStatus.Open)
        {
            yield return new DocumentIndexEntry(OpenDueIndex, due);
        }

        yield return new DocumentIndexEntry(ProtocolIndex, DocumentIndexEntry.Compose(document.Protocol.Value, due));
        yield return new DocumentIndexEntry(SiteIndex, DocumentIndexEntry.Compose(document.Site.Value, due));
    }
}

/// <summary>The dilemmas of the register: indexed open by when raised, by protocol and by site (each by when raised).</summary>
internal sealed class DilemmaProjection() : AggregateProjection<EthicalDilemma, DilemmaEntry>(new DeviationJson(ReadModelJson.Options()).DilemmaEntry)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.dilemmas";

    /// <summary>Open dilemmas (raised or discussed) by when they were raised.</summary>
    public const string OpenIndex = "open";

    /// <summary>Dilemmas by (protocol, raised).</summary>
    public const string ProtocolIndex = "protocol";

    /// <summary>Dilemmas by (site, raised).</summary>
    public const string SiteIndex = "site";

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    protected override DilemmaEntry Summarize(EthicalDilemma aggregate)
    {
        // The state holds no instants: when it was raised and settled are its events' own.
        var state = aggregate.State;
        return new DilemmaEntry(
            state.Id,
            state.Site,
            state.Protocol,
            state.Description,
            state.Status,
            state.Discussions.Count,
            aggregate.History[0].At,
            aggregate.History.LastOrDefault(e => e is DilemmaResolved or DilemmaEscalated)?.At,
            state.Resolution,
            state.EscalatedTo);
    }

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(DilemmaEntry document)
    {
        var raised = DocumentIndexEntry.Of(document.RaisedAt);
        if (document.IsOpen)
        {
            yield return new DocumentIndexEntry(OpenIndex, raised);
        }

        if (document.Protocol is { } protocol)
        {
            yield return new DocumentIndexEntry(ProtocolIndex, DocumentIndexEntry.Compose(protocol.Value, raised));
        }

        yield return new DocumentIndexEntry(SiteIndex, DocumentIndexEntry.Compose(document.Site.Value, raised));
    }
}
