using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Projections;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>The <see cref="ICycleRegister"/> over the register's documents, on whichever store the app uses.</summary>
internal sealed class CycleRegister(IDocumentStore store, CycleRegisterProjection projection) : ICycleRegister
{
    private readonly DocumentReader<CycleEntry> documents = new(store, projection);

    public ValueTask<CycleEntry?> GetAsync(CycleId cycle, CancellationToken cancellationToken = default)
        => documents.GetAsync(StreamOf(Preconditions.CheckId(cycle, nameof(cycle))), cancellationToken);

    public ValueTask<DocumentPage<CycleEntry>> AtSiteAsync(
        SiteId site, CycleStage? stage = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var id = Preconditions.CheckId(site, nameof(site)).Value;
        var range = stage is { } s
            ? DocumentRange.StartingWith(id, Preconditions.CheckDefined(s, nameof(stage)).ToString())
            : DocumentRange.StartingWith(id);
        return documents.QueryAsync(CycleRegisterProjection.SiteStage, range, after, limit, cancellationToken);
    }

    public ValueTask<DocumentPage<CycleEntry>> OpenAtSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => documents.QueryAsync(
            CycleRegisterProjection.Open, DocumentRange.StartingWith(Preconditions.CheckId(site, nameof(site)).Value), after, limit, cancellationToken);

    public ValueTask<DocumentPage<CycleEntry>> StageDueByAsync(Instant by, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => documents.QueryAsync(CycleRegisterProjection.StageDueIndex, DocumentRange.UpTo(DocumentIndexEntry.Of(by)), after, limit, cancellationToken);

    private static string StreamOf(CycleId cycle) => Persistence.AggregateRepository<Cycle>.StreamOf(cycle).Value;
}
