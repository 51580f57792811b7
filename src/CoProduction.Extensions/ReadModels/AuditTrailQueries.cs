using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduction.ReadModels;

/// <summary>The audit trail's queries over the document store, with each actor's role read from the rosters.</summary>
internal sealed class AuditTrailQueries(IDocumentStore store, AuditProjection projection, AccessGuard access) : IAuditTrail
{
    private readonly DocumentReader<AuditEntry> entries = new(store, projection);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<AuditRecord>> OfProtocolAsync(ProtocolId protocol, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => PageAsync(AuditProjection.ProtocolIndex, Required(protocol.Value, nameof(protocol)), after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<AuditRecord>> OfCycleAsync(CycleId cycle, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => PageAsync(AuditProjection.CycleIndex, Required(cycle.Value, nameof(cycle)), after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<AuditRecord>> OfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => PageAsync(AuditProjection.SiteIndex, Required(site.Value, nameof(site)), after, limit, cancellationToken);

    private async ValueTask<DocumentPage<AuditRecord>> PageAsync(string index, string key, DocumentCursor? after, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A page holds 1 to 10,000 entries.");
        }

        var page = await entries.QueryAsync(index, DocumentRange.StartingWith(key), after, limit, cancellationToken).ConfigureAwait(false);
        var records = new AuditRecord[page.Items.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var entry = page.Items[i];
            records[i] = new AuditRecord(entry, await access.DescribeRoleAsync(entry.Actor, entry.Sites, entry.At, entry.Protocol, cancellationToken).ConfigureAwait(false));
        }

        return new DocumentPage<AuditRecord>(records, page.Next);
    }

    private static string Required(string? id, string name)
        => id ?? throw new ArgumentException("The id is default; give one.", name);
}

/// <summary>Registers the audit trail: its projection and <see cref="IAuditTrail"/>.</summary>
internal static class AuditTrailServices
{
    /// <summary>Adds the trail's projection and queries.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<AuditProjection>(services);
        services.TryAddSingleton<IAuditTrail, AuditTrailQueries>();
    }
}
