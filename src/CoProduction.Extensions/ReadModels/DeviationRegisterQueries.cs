using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>The deviation register's queries over the document store.</summary>
internal sealed class DeviationRegisterQueries(
    IDocumentStore store,
    DeviationProjection deviationProjection,
    DilemmaProjection dilemmaProjection,
    IClock clock,
    IDateTimeZoneProvider zones,
    IOptionsMonitor<CoProductionOptions> options) : IDeviationRegister
{
    private readonly DocumentReader<DeviationEntry> deviations = new(store, deviationProjection);
    private readonly DocumentReader<DilemmaEntry> dilemmas = new(store, dilemmaProjection);

    /// <inheritdoc/>
    public ValueTask<DeviationEntry?> DeviationAsync(DeviationId deviation, CancellationToken cancellationToken = default)
        => deviations.GetAsync(AggregateRepository<ProtocolDeviation>.StreamOf(deviation).Value, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DeviationEntry>> OpenDeviationsAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(deviations, DeviationProjection.OpenDueIndex, DocumentRange.All, after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DeviationEntry>> DeviationsDueByAsync(LocalDate date, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(deviations, DeviationProjection.OpenDueIndex, DocumentRange.UpTo(DocumentIndexEntry.Of(date)), after, limit, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<DocumentPage<DeviationEntry>> OverdueDeviationsAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        // ProtocolDeviationState.IsOverdueOn: open and today after the deadline, today read in the deviation's site zone.
        // No zone's date is before UTC's previous day: those due by then are overdue everywhere; the day after is checked per entry.
        var now = clock.GetCurrentInstant();
        var surely = now.InUtc().Date.PlusDays(-2);
        var page = await Page(deviations, DeviationProjection.OpenDueIndex, DocumentRange.UpTo(DocumentIndexEntry.Of(now.InUtc().Date)), after, limit, cancellationToken).ConfigureAwait(false);
        return page with { Items = [.. page.Items.Where(d => d.ReportDueOn <= surely || now.InZone(ZoneOf(d)).Date > d.ReportDueOn)] };
    }

    private DateTimeZone ZoneOf(DeviationEntry entry)
        => entry.TimeZoneId is { } id && zones.GetZoneOrNull(id) is { } zone ? zone : zones[options.CurrentValue.DefaultTimeZone];

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DeviationEntry>> DeviationsOfProtocolAsync(ProtocolId protocol, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(deviations, DeviationProjection.ProtocolIndex, DocumentRange.StartingWith(Required(protocol.Value, nameof(protocol))), after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DeviationEntry>> DeviationsOfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(deviations, DeviationProjection.SiteIndex, DocumentRange.StartingWith(Required(site.Value, nameof(site))), after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DilemmaEntry?> DilemmaAsync(DilemmaId dilemma, CancellationToken cancellationToken = default)
        => dilemmas.GetAsync(AggregateRepository<EthicalDilemma>.StreamOf(dilemma).Value, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DilemmaEntry>> OpenDilemmasAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(dilemmas, DilemmaProjection.OpenIndex, DocumentRange.All, after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DilemmaEntry>> DilemmasOfProtocolAsync(ProtocolId protocol, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(dilemmas, DilemmaProjection.ProtocolIndex, DocumentRange.StartingWith(Required(protocol.Value, nameof(protocol))), after, limit, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<DilemmaEntry>> DilemmasOfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Page(dilemmas, DilemmaProjection.SiteIndex, DocumentRange.StartingWith(Required(site.Value, nameof(site))), after, limit, cancellationToken);

    private static string Required(string? id, string name)
        => id ?? throw new ArgumentException("The id is default; give one.", name);

    private static ValueTask<DocumentPage<T>> Page<T>(DocumentReader<T> reader, string index, DocumentRange range, DocumentCursor? after, int limit, CancellationToken cancellationToken)
        where T : class
    {
        if (limit is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A page holds 1 to 10,000 entries.");
        }

        return reader.QueryAsync(index, range, after, limit, cancellationToken);
    }
}

/// <summary>Registers the deviation register: its two projections and <see cref="IDeviationRegister"/>.</summary>
internal static class DeviationRegisterServices
{
    /// <summary>Adds the register's projections and queries.</summary>
    public static void Add(IServiceCollection services)
    {
        ReadModelServices.AddProjection<DeviationProjection>(services);
        ReadModelServices.AddProjection<DilemmaProjection>(services);
        services.TryAddSingleton<IDeviationRegister, DeviationRegisterQueries>();
    }
}
