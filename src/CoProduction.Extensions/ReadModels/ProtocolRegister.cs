using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The protocol register: one <see cref="ProtocolEntry"/> per protocol, summarized from the protocol's own state, found
/// by site, approval end, parent, kind, committee, pending amendments and by the position it last changed at. Query it
/// through <see cref="IProtocolRegister"/>; the ethics gate and the sweep read it too.
/// </summary>
/// <remarks>
/// Indexes: <c>site</c> (every site a version or the proposed scope names), <c>approval-end</c> (approved, suspended or
/// expired protocols with a real end), <c>expiry</c> (approved or suspended ones with a real end, whose expiry is not
/// recorded yet), <c>parent</c>, <c>kind</c>, <c>committee</c>, <c>pending</c> (the earliest lodging of a pending amendment)
/// and <c>changed</c> (the last event's global position).
/// </remarks>
public sealed class ProtocolRegister : AggregateProjection<Protocol, ProtocolEntry>
{
    /// <summary>The register's projection name.</summary>
    public const string ProjectionName = "coproduction.protocol-register";

    internal const string BySite = "site";
    internal const string ByApprovalEnd = "approval-end";
    internal const string ByExpiry = "expiry";
    internal const string ByParent = "parent";
    internal const string ByKind = "kind";
    internal const string ByCommittee = "committee";
    internal const string ByPending = "pending";
    internal const string ByChange = "changed";

    /// <summary>The register's name, as the runner's waits take it.</summary>
    internal static readonly string[] Self = [ProjectionName];

    /// <summary>Creates the projection.</summary>
    public ProtocolRegister()
        : base(new ProtocolRegisterJson(ReadModelJson.Options()).ProtocolEntry)
    {
    }

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    public override int Version => 1;

    /// <summary>Summarizes a protocol without its position: the runner calls the overload with the last event.</summary>
    /// <param name="aggregate">The protocol.</param>
    /// <returns>The entry, at position 0.</returns>
    protected override ProtocolEntry? Summarize(Protocol aggregate) => Entry(aggregate, 0);

    /// <inheritdoc/>
    protected override ProtocolEntry? Summarize(Protocol aggregate, ProjectedEvent last) => Entry(aggregate, last.Stored.Position);

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(ProtocolEntry document)
    {
        foreach (var site in document.Sites)
        {
            yield return new DocumentIndexEntry(BySite, site.Value);
        }

        if (document.ApprovalEnd is { } end && end != LocalDate.MaxIsoValue)
        {
            if (document.Status is ProtocolStatus.Approved or ProtocolStatus.Suspended or ProtocolStatus.Expired)
            {
                yield return new DocumentIndexEntry(ByApprovalEnd, DocumentIndexEntry.Of(end));
            }

            if (document.Status is ProtocolStatus.Approved or ProtocolStatus.Suspended)
            {
                yield return new DocumentIndexEntry(ByExpiry, DocumentIndexEntry.Of(end));
            }
        }

        if (document.Parent is { } parent)
        {
            yield return new DocumentIndexEntry(ByParent, parent.Value);
        }

        yield return new DocumentIndexEntry(ByKind, document.Kind.ToString());
        yield return new DocumentIndexEntry(ByCommittee, document.Committee.Value);
        if (!document.Pending.IsEmpty)
        {
            yield return new DocumentIndexEntry(ByPending, DocumentIndexEntry.Of(document.Pending.Min(p => p.LodgedAt)));
        }

        yield return new DocumentIndexEntry(ByChange, DocumentIndexEntry.Of(document.Position));
    }

    private static ProtocolEntry Entry(Protocol protocol, long position)
    {
        var state = protocol.State;
        var sites = state.Versions.SelectMany(v => v.Scope.Sites).Concat(state.ProposedScope.Sites)
            .Distinct().OrderBy(s => s.Value, System.StringComparer.Ordinal).ToValueList();
        return new ProtocolEntry(
            state.Id,
            state.Title,
            state.Kind,
            state.Parent,
            state.Committee,
            state.Status,
            state.Timeline,
            [.. state.Versions.Select(v => new ProtocolVersionEntry(v.Number, v.InForceFrom, v.ApprovedOn, v.Amendment, v.Scope))],
            state.Approvals,
            state.ApprovalEnd,
            state.Pending,
            state.ProposedScope,
            sites,
            protocol.Version,
            position);
    }
}
