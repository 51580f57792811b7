using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Projections;

/// <summary>A site's name and members, summarized from the aggregate: the smallest aggregate projection.</summary>
public sealed record SiteRow(string Name, int Members, long Version);

[JsonSerializable(typeof(SiteRow))]
internal sealed partial class SiteRowJson : JsonSerializerContext;

public sealed class SiteRows() : AggregateProjection<LearningSite, SiteRow>(SiteRowJson.Default.SiteRow)
{
    public override string Name => "tests.site-rows";

    public override int Version => 1;

    protected override SiteRow? Summarize(LearningSite aggregate)
        => aggregate.State.Members.Count == 0 ? null : new SiteRow(aggregate.State.Name, aggregate.State.Members.Count, aggregate.Version);

    protected override IEnumerable<DocumentIndexEntry> Index(SiteRow document) => [new("members", DocumentIndexEntry.Of(document.Members))];
}

/// <summary>An aggregate projection on every store: from zero, live, after a restart, and with an unreadable event inside a stream.</summary>
public abstract class AggregateProjectionConformance
{
    protected abstract void UseStore(CoProductionBuilder builder);

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(PaperSites.At));
        UseStore(services.AddCoProduction(o => o.ProjectionBatchSize = 5).UseTestAccess().AddProjection<SiteRows>());
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task SaveAsync(IServiceProvider services, params LearningSite[] sites)
    {
        var repository = services.GetRequiredService<AggregateRepository<LearningSite>>();
        foreach (var site in sites)
        {
            await repository.SaveAsync(site, cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    private static DocumentReader<SiteRow> Rows(IServiceProvider services)
        => new(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<SiteRows>());

    [Fact]
    public async Task Each_document_is_the_summary_of_the_aggregate_as_stored()
    {
        using var services = Provider();
        var kilifi = PaperSites.Kilifi();
        await SaveAsync(services, kilifi, PaperSites.MitchellsPlain(), PaperSites.Sedibeng());

        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        var rows = Rows(services);
        Assert.Equal(new SiteRow("Kilifi County", 4, kilifi.Version), await rows.GetAsync("site-kilifi", TestContext.Current.CancellationToken));
        var byMembers = await rows.QueryAsync("members", DocumentRange.All, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["Kilifi County", "Sedibeng", "Mitchell's Plain"], byMembers.Items.Select(r => r.Name));
        Assert.Null(byMembers.Next);

        kilifi.AddMember(new MemberId("ke-new"), "New member", PaperSites.Stamp);
        await SaveAsync(services, kilifi);
        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(5, (await rows.GetAsync("site-kilifi", TestContext.Current.CancellationToken))!.Members);
        // Kilifi and Mitchell's Plain have five members now; Sedibeng has four. The old index entry is gone.
        Assert.Equal(2, await rows.CountAsync("members", DocumentRange.Equal(DocumentIndexEntry.Of(5)), TestContext.Current.CancellationToken));
        Assert.Equal(1, await rows.CountAsync("members", DocumentRange.Equal(DocumentIndexEntry.Of(4)), TestContext.Current.CancellationToken));
        var page = await rows.QueryAsync("members", DocumentRange.Between(DocumentIndexEntry.Of(5), DocumentIndexEntry.Of(9)), limit: 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Kilifi County", Assert.Single(page.Items).Name);
        var next = await rows.QueryAsync("members", DocumentRange.Between(DocumentIndexEntry.Of(5), DocumentIndexEntry.Of(9)), page.Next, 1, TestContext.Current.CancellationToken);
        Assert.Equal("Mitchell's Plain", Assert.Single(next.Items).Name);
    }

    [Fact]
    public async Task An_unreadable_event_parks_it_and_the_later_events_of_its_stream_while_other_streams_go_on()
    {
        using var services = Provider();
        var kilifi = PaperSites.Kilifi();
        await SaveAsync(services, kilifi);
        var store = services.GetRequiredService<IEventStore>();
        var broken = await store.AppendAsync(
            kilifi.StreamId, kilifi.Version, [new EventData("site.from-a-newer-release", 1, Encoding.UTF8.GetBytes("{}"), PaperSites.At, PaperSites.Lead)],
            cancellationToken: TestContext.Current.CancellationToken);
        var after = await store.AppendAsync(
            kilifi.StreamId,
            broken.Version,
            services.GetRequiredService<EventSerializer>().Serialize([new MemberAdded(PaperSites.KilifiId, new MemberId("ke-late"), "Late member", null, PaperSites.At, PaperSites.Lead)]),
            cancellationToken: TestContext.Current.CancellationToken);
        var mitchellsPlain = PaperSites.MitchellsPlain();
        await SaveAsync(services, mitchellsPlain);

        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        var parked = await services.GetRequiredService<IParkedEventStore>().ListAsync("tests.site-rows", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([broken.LastPosition, after.LastPosition], parked.Select(p => p.Position));
        Assert.Equal(4, (await Rows(services).GetAsync("site-kilifi", TestContext.Current.CancellationToken))!.Members);
        Assert.Equal(mitchellsPlain.Version, (await Rows(services).GetAsync("site-mitchells-plain", TestContext.Current.CancellationToken))!.Version);
    }

    [Fact]
    public void Continuing_a_history_checks_each_event_and_refuses_a_second_opening()
    {
        var kilifi = LearningSite.Rehydrate(PaperSites.Kilifi().StreamId, PaperSites.Kilifi().History);
        var opening = kilifi.History[0];

        var refused = Assert.Throws<InvalidHistoryException>(() => ((IHistoryCommitter)kilifi).Continue([opening]));

        Assert.Contains("opens a history, once", refused.Message, StringComparison.Ordinal);
        var unsaved = PaperSites.Kilifi();
        Assert.Throws<InvalidOperationException>(() => ((IHistoryCommitter)unsaved).Continue([]));
    }
}

public sealed class InMemoryAggregateProjectionTests : AggregateProjectionConformance
{
    protected override void UseStore(CoProductionBuilder builder) => builder.UseInMemoryStore();
}

public sealed class SqliteAggregateProjectionTests : AggregateProjectionConformance, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    protected override void UseStore(CoProductionBuilder builder) => builder.UseSqliteStore(folder.File("sites.db"));

    [Fact]
    public async Task A_restarted_app_reads_an_aggregate_it_has_not_cached_up_to_the_event_and_carries_on()
    {
        var kilifi = PaperSites.Kilifi();
        await using (var first = Started())
        {
            await first.GetRequiredService<AggregateRepository<LearningSite>>().SaveAsync(kilifi, cancellationToken: TestContext.Current.CancellationToken);
            await first.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);
        }

        await using var second = Started();
        kilifi.AddMember(new MemberId("ke-new"), "New member", PaperSites.Stamp);
        await second.GetRequiredService<AggregateRepository<LearningSite>>().SaveAsync(kilifi, cancellationToken: TestContext.Current.CancellationToken);
        await second.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        var row = await new DocumentReader<SiteRow>(second.GetRequiredService<IDocumentStore>(), second.GetRequiredService<SiteRows>())
            .GetAsync("site-kilifi", TestContext.Current.CancellationToken);
        Assert.Equal(new SiteRow("Kilifi County", 5, kilifi.Version), row);
    }

    private ServiceProvider Started()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(PaperSites.At));
        UseStore(services.AddCoProduction().UseTestAccess().AddProjection<SiteRows>());
        return services.BuildServiceProvider(validateScopes: true);
    }
}

public sealed class DocumentRangeTests
{
    [Fact]
    public void Leading_parts_are_matched_whole_so_a_site_does_not_match_a_site_whose_id_it_begins()
    {
        var range = DocumentRange.StartingWith("kilifi");

        bool Within(string value) => string.CompareOrdinal(value, range.From) >= 0 && string.CompareOrdinal(value, range.To) <= 0;

        Assert.True(Within(DocumentIndexEntry.Compose("kilifi", "Acting", DocumentIndexEntry.Of(4))));
        Assert.False(Within(DocumentIndexEntry.Compose("kilifi-2", "Acting", DocumentIndexEntry.Of(1))));
        Assert.False(Within("kilifi"));
    }
}
