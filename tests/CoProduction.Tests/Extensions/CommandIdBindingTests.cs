using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Tests.ReadModels;
using CoProduction.Tests.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Extensions;

/// <summary>
/// A command id is bound to its command, through <c>AddCoProduction</c> on each store: the same id with the same
/// command returns the first outcome; with another command (another trigger, another aggregate, another step) it
/// is refused with <see cref="CommandIdReusedException"/> and nothing is written.
/// </summary>
public abstract class CommandIdBindingTests(bool sqlite) : System.IDisposable
{
    private static readonly CommandId Request = new("request-42");

    private readonly ReadModelApp app = ReadModelApp.Create(sqlite, new FakeClock(At(200)), build: b => b.AddCommitteePolicy(Kemri, CommitteePolicies.KenyaNationalCommittee));

    private IEventStore Store => app.Provider.GetRequiredService<IEventStore>();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_same_command_id_with_the_same_command_returns_the_original_result_and_writes_nothing()
    {
        app.Clock.Reset(PaperSites.At + Duration.FromDays(1));
        await app.CreateSiteAsync(PaperSites.Kilifi());
        using var scope = app.Provider.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();

        var first = await sites.ExecuteAsync(PaperSites.KilifiId, (s, c) => s.ClearCore(PaperSites.KilifiDirector, c.Stamp), Request, cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.AdvanceMinutes(5);
        var again = await sites.ExecuteAsync(PaperSites.KilifiId, (s, c) => s.ClearCore(PaperSites.KilifiDirector, c.Stamp), Request, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(again.WasDuplicate);
        Assert.Equal(first.Append! with { WasDuplicate = true }, again.Append);
        Assert.Equal(first.Append.LastPosition, await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_same_command_id_with_another_command_on_the_same_aggregate_is_refused_and_nothing_is_written()
    {
        app.Clock.Reset(PaperSites.At + Duration.FromDays(1));
        await app.CreateSiteAsync(PaperSites.Kilifi());
        using var scope = app.Provider.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        await sites.ExecuteAsync(PaperSites.KilifiId, (s, c) => s.ClearCore(PaperSites.KilifiDirector, c.Stamp), Request, cancellationToken: TestContext.Current.CancellationToken);
        var before = await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<CommandIdReusedException>(async () => await sites.ExecuteAsync(
            PaperSites.KilifiId, (s, c) => s.MarkCore(PaperSites.KilifiSubCountyManager, c.Stamp), Request, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(Request, ex.CommandId);
        Assert.Equal(("site.execute", "site-kilifi"), (ex.Recorded.Command, ex.Recorded.Streams));
        Assert.NotEqual(ex.Recorded.ArgumentsHash, ex.Attempted.ArgumentsHash);
        Assert.Equal(before, await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_same_command_id_on_another_aggregate_or_as_a_creation_is_refused_and_nothing_is_written()
    {
        app.Clock.Reset(PaperSites.At + Duration.FromDays(1));
        await app.CreateSiteAsync(PaperSites.Kilifi());
        await app.CreateSiteAsync(PaperSites.MitchellsPlain());
        using var scope = app.Provider.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        await sites.ExecuteAsync(PaperSites.KilifiId, (s, c) => s.ClearCore(PaperSites.KilifiDirector, c.Stamp), Request, cancellationToken: TestContext.Current.CancellationToken);
        var before = await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken);

        var elsewhere = await Assert.ThrowsAsync<CommandIdReusedException>(async () => await sites.ExecuteAsync(
            PaperSites.MitchellsPlainId, (s, c) => s.ClearCore(PaperSites.MitchellsPlainSubDistrictManager, c.Stamp), Request, cancellationToken: TestContext.Current.CancellationToken));
        var creation = await Assert.ThrowsAsync<CommandIdReusedException>(async () => await sites.CreateAsync(_ => PaperSites.Sedibeng(), Request, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("site-mitchells-plain", elsewhere.Attempted.Streams);
        Assert.Equal("site.create", creation.Attempted.Command);
        Assert.Contains("'site.execute' on site-kilifi", creation.Message, System.StringComparison.Ordinal);
        Assert.Equal(before, await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_workflow_s_command_id_returns_the_original_step_for_the_same_step_and_refuses_another()
    {
        using var scope = app.Provider.CreateScope();
        var protocol = Approved();
        // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
        var amendment = DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 6, 1), At(150));
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>().CreateAsync(_ => protocol, cancellationToken: TestContext.Current.CancellationToken);
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Amendment>>().CreateAsync(_ => amendment, cancellationToken: TestContext.Current.CancellationToken);
        var amendments = scope.ServiceProvider.GetRequiredService<AmendmentWorkflow>();
        var submit = new CommandId("submit-A1");

        var first = await amendments.SubmitAsync(amendment.Id, submit, cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.AdvanceMinutes(5);
        var again = await amendments.SubmitAsync(amendment.Id, submit, cancellationToken: TestContext.Current.CancellationToken);
        var last = await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken);
        var withdraw = await Assert.ThrowsAsync<CommandIdReusedException>(async () => await amendments.WithdrawAsync(amendment.Id, "not needed", submit, cancellationToken: TestContext.Current.CancellationToken));
        var onTheProtocol = await Assert.ThrowsAsync<CommandIdReusedException>(async () => await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>()
            .ExecuteAsync(protocol.Id, (p, c) => p.Suspend(new LocalDate(2015, 7, 20), "audit", c.Stamp), submit, cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(again.WasDuplicate);
        Assert.Equal(AmendmentStatus.Submitted, again.Get<Amendment>(amendment.StreamId).State.Status);
        Assert.Equal(first.Append!.LastPosition, last);
        Assert.Equal("amendment.withdraw", withdraw.Attempted.Command);
        Assert.NotEqual(withdraw.Recorded.ArgumentsHash, withdraw.Attempted.ArgumentsHash);
        Assert.NotNull(onTheProtocol.Attempted);
        Assert.Equal(last, await Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class InMemoryCommandIdBindingTests() : CommandIdBindingTests(sqlite: false);

public sealed class SqliteCommandIdBindingTests() : CommandIdBindingTests(sqlite: true);

/// <summary>The fingerprint's canonical form, and a SQLite file written before fingerprints were kept.</summary>
public sealed class CommandFingerprintTests : System.IDisposable
{
    private readonly Persistence.TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_fingerprint_leaves_out_the_stamp_and_keeps_every_other_part_of_the_decision()
    {
        static CommandFingerprint Of(string payload, string name = "test.done", string stream = "site-kilifi")
            => CommandFingerprint.Of("site.execute", [new StreamAppend(new StreamId(stream), 3, [new EventData(name, 1, Encoding.UTF8.GetBytes(payload), Persistence.StoreTesting.Start, Actor.Named("a"))])]);

        var recorded = Of("""{"member":"ke-health-director","at":"2016-03-01T08:00:00Z","by":"named:a"}""");

        Assert.Equal(recorded, Of("""{"member":"ke-health-director","at":"2016-03-01T08:05:00Z","by":"named:b"}"""));
        Assert.NotEqual(recorded, Of("""{"member":"ke-subcounty-manager","at":"2016-03-01T08:00:00Z","by":"named:a"}"""));
        Assert.NotEqual(recorded, Of("""{"member":"ke-health-director","at":"2016-03-01T08:00:00Z","by":"named:a"}""", name: "test.other"));
        Assert.NotEqual(recorded, Of("""{"member":"ke-health-director","at":"2016-03-01T08:00:00Z","by":"named:a"}""", stream: "site-sedibeng"));
        Assert.Equal(64, recorded.ArgumentsHash.Length);
    }

    [Fact]
    public async Task A_file_of_schema_version_1_opens_keeps_its_command_ids_per_stream_and_binds_new_ones()
    {
        var path = folder.File("version1.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                CREATE TABLE events (
                    position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
                    schema_version INTEGER NOT NULL, payload BLOB NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, command_id TEXT NULL,
                    UNIQUE (stream, version));
                CREATE TABLE commands (stream TEXT NOT NULL, command_id TEXT NOT NULL, version INTEGER NOT NULL, last_position INTEGER NOT NULL,
                    PRIMARY KEY (stream, command_id)) WITHOUT ROWID;
                INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO events (stream, version, name, schema_version, payload, recorded_at, actor, command_id)
                    VALUES ('cycle-kilifi-2016', 1, 'test.numbered', 1, CAST('{"n":1}' AS BLOB), '2016-03-01T08:00:00Z', 'named:test', 'old-command');
                INSERT INTO commands (stream, command_id, version, last_position) VALUES ('cycle-kilifi-2016', 'old-command', 1, 1);
                """;
            create.ExecuteNonQuery();
        }

        using var store = new Storage.Sqlite.SqliteEventStore(new Storage.Sqlite.SqliteEventStoreOptions { Path = path });
        var stream = new StreamId("cycle-kilifi-2016");
        var retry = new[] { new StreamAppend(stream, 0, [Persistence.StoreTesting.Numbered(1)]) };
        var old = await store.AppendStreamsAsync(retry, new CommandId("old-command"), CommandFingerprint.Of("cycle.execute", retry), TestContext.Current.CancellationToken);
        var next = new[] { new StreamAppend(stream, 1, [Persistence.StoreTesting.Numbered(2)]) };
        await store.AppendStreamsAsync(next, new CommandId("new-command"), CommandFingerprint.Of("cycle.execute", next), TestContext.Current.CancellationToken);
        var other = new[] { new StreamAppend(stream, 2, [Persistence.StoreTesting.Numbered(3)]) };

        Assert.True(old.WasDuplicate);
        Assert.Equal((1L, 1L), (old.Streams[0].Version, old.Streams[0].LastPosition));
        await Assert.ThrowsAsync<CommandIdReusedException>(async () => await store.AppendStreamsAsync(
            other, new CommandId("new-command"), CommandFingerprint.Of("cycle.execute", other), TestContext.Current.CancellationToken));
        Assert.Equal([1, 2], (await store.ReadStreamAsync(stream, cancellationToken: TestContext.Current.CancellationToken)).Select(Persistence.StoreTesting.NumberOf));
        SqliteConnection.ClearAllPools();
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "SELECT version FROM schema_version";
        Assert.Equal((long)Storage.Sqlite.SqliteEventStore.SchemaVersion, version.ExecuteScalar());
    }
}
