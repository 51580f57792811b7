using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>The default <see cref="IProtocolRegister"/>: the register's documents, and the cached protocols for questions about a date.</summary>
internal sealed class ProtocolRegisterQueries(
    ProtocolRegister register,
    IDocumentStore documents,
    AggregateSource aggregates,
    IClock clock,
    IDateTimeZoneProvider zones,
    IOptionsMonitor<CoProductionOptions> options) : IProtocolRegister
{
    /// <summary>The most days ahead <see cref="EndingWithinAsync"/> looks: ten years.</summary>
    private const int MostDaysAhead = 3660;

    private readonly DocumentReader<ProtocolEntry> reader = new(documents, register);

    public ValueTask<ProtocolEntry?> GetAsync(ProtocolId protocol, CancellationToken cancellationToken = default)
        => reader.GetAsync(AggregateRepository<Protocol>.StreamOf(Preconditions.CheckId(protocol, nameof(protocol))).Value, cancellationToken);

    public ValueTask<DocumentPage<ProtocolEntry>> EndingWithinAsync(int days, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (days is < 0 or > MostDaysAhead)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"Look 0 (approvals ending today) to {MostDaysAhead} days ahead.");
        }

        var today = clock.GetCurrentInstant().InZone(zones[options.CurrentValue.DefaultTimeZone]).Date;
        var range = DocumentRange.Between(DocumentIndexEntry.Of(today), DocumentIndexEntry.Of(today.PlusDays(days)));
        return reader.QueryAsync(ProtocolRegister.ByApprovalEnd, range, after, limit, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<SiteApproval>> ApprovedOnAsync(SiteId site, LocalDate date, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(site, nameof(site));
        var approved = new List<SiteApproval>();
        await foreach (var entry in reader.ReadAllAsync(ProtocolRegister.BySite, DocumentRange.Equal(site.Value), cancellationToken).ConfigureAwait(false))
        {
            // The domain decides what was in force that day, on the protocol as the store holds it.
            var protocol = await aggregates.Of<Protocol>().CurrentAsync(AggregateRepository<Protocol>.StreamOf(entry.Id), cancellationToken).ConfigureAwait(false);
            if (protocol?.State.VersionInForceOn(date) is { } version && version.Scope.Sites.Contains(site))
            {
                approved.Add(new SiteApproval(entry.Id, protocol.State.Title, protocol.State.Kind, version.Number, version.Scope));
            }
        }

        return approved;
    }

    public ValueTask<DocumentPage<ProtocolEntry>> PendingAmendmentsAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => reader.QueryAsync(ProtocolRegister.ByPending, DocumentRange.All, after, limit, cancellationToken);

    public ValueTask<DocumentPage<ProtocolEntry>> SubStudiesAsync(ProtocolId parent, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => reader.QueryAsync(ProtocolRegister.ByParent, DocumentRange.Equal(Preconditions.CheckId(parent, nameof(parent)).Value), after, limit, cancellationToken);

    public ValueTask<DocumentPage<ProtocolEntry>> UmbrellasAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => reader.QueryAsync(ProtocolRegister.ByKind, DocumentRange.Equal(nameof(ProtocolKind.Umbrella)), after, limit, cancellationToken);

    public ValueTask<DocumentPage<ProtocolEntry>> OfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => reader.QueryAsync(ProtocolRegister.BySite, DocumentRange.Equal(Preconditions.CheckId(site, nameof(site)).Value), after, limit, cancellationToken);

    public ValueTask<DocumentPage<ProtocolEntry>> OfCommitteeAsync(CommitteeId committee, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => reader.QueryAsync(ProtocolRegister.ByCommittee, DocumentRange.Equal(Preconditions.CheckId(committee, nameof(committee)).Value), after, limit, cancellationToken);
}
