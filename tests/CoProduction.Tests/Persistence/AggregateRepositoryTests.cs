using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Tests.Persistence.Journals;
using NodaTime;

namespace CoProduction.Tests.Persistence;

public sealed class AggregateRepositoryTests
{
    private static readonly Instant At = Instant.FromUtc(2016, 3, 1, 8, 0);
    private static readonly Actor Jane = Actor.Member(new MemberId("jane"));
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];

    private static (InMemoryEventStore Store, AggregateRepository<Journal> Repository) Create()
    {
        var store = new InMemoryEventStore();
        return (store, new AggregateRepository<Journal>(store, Journal.Serializer));
    }

    private static Journal Kilifi()
    {
        var journal = Journal.Open(new JournalId("kilifi"), "Kilifi reflections", new SiteId("kilifi"), Nairobi, At, Jane);
        journal.Write("First meeting", new LocalDate(2016, 3, 1), ["meeting"], Duration.FromHours(1), At, Jane);
        return journal;
    }

    [Fact]
    public async Task A_saved_aggregate_loads_back_with_the_same_state_and_version_and_nothing_pending()
    {
        var (_, repository) = Create();
        var journal = Kilifi();
        var result = await repository.SaveAsync(journal, new CommandId("open"));

        Assert.Equal(2, result!.Version);
        Assert.Equal(2, journal.CommittedVersion);
        Assert.Empty(journal.UncommittedEvents);

        var loaded = await repository.LoadAsync(AggregateRepository<Journal>.StreamOf(new JournalId("kilifi")));
        Assert.Equal(journal.State, loaded.State);
        Assert.Equal(journal.History, loaded.History);
        Assert.Equal((2L, 2L), (loaded.Version, loaded.CommittedVersion));
        Assert.Empty(loaded.UncommittedEvents);
    }

    [Fact]
    public async Task Creating_an_aggregate_whose_stream_already_exists_says_it_exists_and_writes_nothing()
    {
        var (store, repository) = Create();
        await repository.SaveAsync(Kilifi(), new CommandId("open-1"));

        var ex = await Assert.ThrowsAsync<AggregateAlreadyExistsException>(async () => await repository.SaveAsync(Kilifi(), new CommandId("open-2")));

        Assert.Equal(new StreamId("journal-kilifi"), ex.Stream);
        Assert.Equal(2, ex.ExistingVersion);
        Assert.Contains("already exists", ex.Message, System.StringComparison.Ordinal);
        Assert.Equal(2, (await store.ReadStreamAsync(new StreamId("journal-kilifi"))).Count);
    }

    [Fact]
    public async Task A_save_appends_only_the_events_recorded_since_loading()
    {
        var (store, repository) = Create();
        await repository.SaveAsync(Kilifi());
        var loaded = await repository.LoadAsync(new StreamId("journal-kilifi"));
        loaded.Close("Cycle ended", At + Duration.FromDays(30), Jane);
        var result = await repository.SaveAsync(loaded);

        Assert.Equal(3, result!.Version);
        var stored = await store.ReadStreamAsync(new StreamId("journal-kilifi"));
        Assert.Equal(["journal.opened", "journal.entry-written", "journal.closed"], [.. System.Linq.Enumerable.Select(stored, e => e.EventName)]);
    }

    [Fact]
    public async Task Saving_with_nothing_recorded_writes_nothing()
    {
        var (store, repository) = Create();
        var journal = Kilifi();
        await repository.SaveAsync(journal);
        Assert.Null(await repository.SaveAsync(journal));
        Assert.Equal(2, (await store.ReadStreamAsync(journal.StreamId)).Count);
    }

    [Fact]
    public async Task A_stale_aggregate_cannot_be_saved_and_stays_uncommitted()
    {
        var (store, repository) = Create();
        await repository.SaveAsync(Kilifi());
        var first = await repository.LoadAsync(new StreamId("journal-kilifi"));
        var second = await repository.LoadAsync(new StreamId("journal-kilifi"));
        first.Write("from the first tab", new LocalDate(2016, 3, 2), [], null, At, Jane);
        second.Write("from the second tab", new LocalDate(2016, 3, 2), [], null, At, Jane);
        await repository.SaveAsync(first);

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await repository.SaveAsync(second));
        Assert.Equal((2L, 3L), (ex.ExpectedVersion, ex.ActualVersion));
        Assert.Single(second.UncommittedEvents);
        Assert.Equal(3, (await store.ReadStreamAsync(second.StreamId)).Count);
    }

    [Fact]
    public async Task A_retried_save_of_the_same_command_is_recorded_once()
    {
        var (store, repository) = Create();
        await repository.SaveAsync(Kilifi());
        var command = new CommandId("write-2");
        var a = await repository.LoadAsync(new StreamId("journal-kilifi"));
        a.Write("entry", new LocalDate(2016, 3, 2), [], null, At, Jane);
        var b = await repository.LoadAsync(new StreamId("journal-kilifi"));
        b.Write("entry", new LocalDate(2016, 3, 2), [], null, At, Jane);

        await repository.SaveAsync(a, command);
        var retry = await repository.SaveAsync(b, command);

        Assert.True(retry!.WasDuplicate);
        Assert.Single(b.UncommittedEvents);
        Assert.Equal(3, (await store.ReadStreamAsync(a.StreamId)).Count);
    }

    [Fact]
    public async Task Loading_a_stream_with_no_events_is_a_typed_not_found_error_or_null()
    {
        var (_, repository) = Create();
        var ex = await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await repository.LoadAsync(new StreamId("journal-none")));
        Assert.Equal(new StreamId("journal-none"), ex.Stream);
        Assert.Null(await repository.TryLoadAsync(new StreamId("journal-none")));
    }

    [Fact]
    public async Task A_stored_history_the_aggregate_cannot_replay_fails_to_load()
    {
        var (store, repository) = Create();
        var closed = Journal.Serializer.Serialize(new JournalClosed(null, At, Jane));
        await store.AppendAsync(new StreamId("journal-broken"), 0, [closed]);
        await Assert.ThrowsAsync<InvalidHistoryException>(async () => await repository.LoadAsync(new StreamId("journal-broken")));
    }

    [Fact]
    public async Task A_corrupt_event_stops_the_load_instead_of_being_skipped()
    {
        var (store, repository) = Create();
        await repository.SaveAsync(Kilifi());
        await store.AppendAsync(
            new StreamId("journal-kilifi"), 2, [new EventData("journal.closed", 1, Encoding.UTF8.GetBytes("{\"reason\":"), At, Jane)]);
        var ex = await Assert.ThrowsAsync<CorruptEventPayloadException>(async () => await repository.LoadAsync(new StreamId("journal-kilifi")));
        Assert.Equal(3, ex.Version);
    }
}
