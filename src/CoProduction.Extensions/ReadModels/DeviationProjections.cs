using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Projections;
using CoProduction.Streams;

namespace CoProduction.ReadModels;

/// <summary>
/// A document per aggregate like <see cref="AggregateProjection{TAggregate, TDocument}"/>, summarized from the aggregate as
/// of each event and from the event itself: a deviation's and a dilemma's states hold no instants, so when it was recorded
/// and settled come from the events that did it (the runner folds each event into the cached aggregate as before).
/// </summary>
internal abstract class EventStampedProjection<TAggregate, TDocument>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<TDocument> json)
    : DocumentProjection<TDocument>(json)
    where TAggregate : class, IEventSourcedAggregate<TAggregate>
    where TDocument : class
{
    private static readonly StreamCategories Categories = new(StreamCategories.Library.Append(StreamCategories.Of<TAggregate>()));

    /// <summary>Summarizes the aggregate after an event.</summary>
    /// <param name="aggregate">The aggregate as of the event.</param>
    /// <param name="e">The event.</param>
    /// <param name="before">The document before the event, if any.</param>
    /// <returns>The document.</returns>
    protected abstract TDocument Summarize(TAggregate aggregate, IDomainEvent e, TDocument? before);

    /// <inheritdoc/>
    protected sealed override async ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<TDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(documents);
        if (!string.Equals(Categories.Classify(e.Stored.Stream).Category, TAggregate.StreamCategory, StringComparison.Ordinal))
        {
            return;
        }

        var aggregate = await documents.AggregateAsync<TAggregate>(e, cancellationToken).ConfigureAwait(false);
        var key = e.Stored.Stream.Value;
        var before = await documents.GetAsync(key, cancellationToken).ConfigureAwait(false);
        documents.Put(key, Summarize(aggregate, e.Deserialize(), before));
    }
}

/// <summary>The deviations of the register: indexed open by due date, by protocol and by site (each by due date).</summary>
internal sealed class DeviationProjection() : EventStampedProjection<ProtocolDeviation, DeviationEntry>(new DeviationJson(ReadModelJson.Options()).DeviationEntry)
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
    public override int Version => 1;

    /// <inheritdoc/>
    protected override DeviationEntry Summarize(ProtocolDeviation aggregate, IDomainEvent e, DeviationEntry? before)
    {
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
            before?.RecordedAt ?? ((DeviationRecorded)e).At,
            e is DeviationClosed closed ? closed.At : before?.ClosedAt,
            state.Outcome);
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
internal sealed class DilemmaProjection() : EventStampedProjection<EthicalDilemma, DilemmaEntry>(new DeviationJson(ReadModelJson.Options()).DilemmaEntry)
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
    protected override DilemmaEntry Summarize(EthicalDilemma aggregate, IDomainEvent e, DilemmaEntry? before)
    {
        var state = aggregate.State;
        return new DilemmaEntry(
            state.Id,
            state.Site,
            state.Protocol,
            state.Description,
            state.Status,
            state.Discussions.Count,
            before?.RaisedAt ?? ((DilemmaRaised)e).At,
            e switch
            {
                DilemmaResolved resolved => resolved.At,
                DilemmaEscalated escalated => escalated.At,
                _ => before?.SettledAt,
            },
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
