using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Programmes;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;

namespace CoProduction.ReadModels;

/// <summary>The audit trail: one document per recorded event, indexed by the site, protocol and cycle it concerns (then by position).</summary>
internal sealed class AuditProjection() : DocumentProjection<AuditEntry>(new AuditJson(ReadModelJson.Options()).AuditEntry)
{
    /// <summary>Entries by (site, position).</summary>
    public const string SiteIndex = "audit-site";

    /// <summary>Entries by (protocol, position).</summary>
    public const string ProtocolIndex = "audit-protocol";

    /// <summary>Entries by (cycle, position).</summary>
    public const string CycleIndex = "audit-cycle";

    /// <inheritdoc/>
    public override string Name => "coproduction.audit";

    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    protected override async ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<AuditEntry> documents, CancellationToken cancellationToken)
    {
        var stored = e.Stored;
        var stream = stored.Stream.Value;
        ValueList<SiteId> sites = [];
        ProtocolId? protocol = null;
        CycleId? cycle = null;
        if (StreamId.IsOf(stream, Cycle.StreamCategory))
        {
            var c = await documents.AggregateAsync<Cycle>(e, cancellationToken).ConfigureAwait(false);
            (sites, cycle) = ([c.State.Site], c.Id);
        }
        else if (StreamId.IsOf(stream, Protocol.StreamCategory))
        {
            var p = await documents.AggregateAsync<Protocol>(e, cancellationToken).ConfigureAwait(false);
            (sites, protocol) = (p.State.CurrentScope.Sites, p.Id);
        }
        else if (StreamId.IsOf(stream, Amendment.StreamCategory))
        {
            protocol = (await documents.AggregateAsync<Amendment>(e, cancellationToken).ConfigureAwait(false)).State.Protocol;
        }
        else if (StreamId.IsOf(stream, ProtocolDeviation.StreamCategory))
        {
            var d = await documents.AggregateAsync<ProtocolDeviation>(e, cancellationToken).ConfigureAwait(false);
            (protocol, cycle) = (d.State.Protocol, d.State.Cycle);
        }
        else if (StreamId.IsOf(stream, LearningSite.StreamCategory))
        {
            sites = [(await documents.AggregateAsync<LearningSite>(e, cancellationToken).ConfigureAwait(false)).State.Id];
        }
        else if (StreamId.IsOf(stream, EthicalDilemma.StreamCategory))
        {
            var d = await documents.AggregateAsync<EthicalDilemma>(e, cancellationToken).ConfigureAwait(false);
            (sites, protocol) = ([d.State.Site], d.State.Protocol);
        }
        else if (StreamId.IsOf(stream, MeetingSeries.StreamCategory))
        {
            sites = [(await documents.AggregateAsync<MeetingSeries>(e, cancellationToken).ConfigureAwait(false)).State.Plan.Site];
        }
        else if (StreamId.IsOf(stream, Programme.StreamCategory))
        {
            sites = (await documents.AggregateAsync<Programme>(e, cancellationToken).ConfigureAwait(false)).State.Sites;
        }

        documents.Put(
            DocumentIndexEntry.Of(stored.Position),
            new AuditEntry(stored.Position, stream, stored.Version, stored.EventName, stored.RecordedAt, stored.Actor, sites, protocol, cycle));
    }

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(AuditEntry document)
    {
        var position = DocumentIndexEntry.Of(document.Position);
        foreach (var site in document.Sites)
        {
            yield return new(SiteIndex, DocumentIndexEntry.Compose(site.Value, position));
        }

        if (document.Protocol is { } protocol)
        {
            yield return new(ProtocolIndex, DocumentIndexEntry.Compose(protocol.Value, position));
        }

        if (document.Cycle is { } cycle)
        {
            yield return new(CycleIndex, DocumentIndexEntry.Compose(cycle.Value, position));
        }
    }

}

/// <summary>The audit entries' JSON.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(SiteId))]
internal sealed partial class AuditJson : JsonSerializerContext;
