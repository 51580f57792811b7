using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.Projections;

/// <summary>
/// Several projections' steps committed together (<see cref="IDocumentStore.CommitStepsAsync"/>), as the runner commits a
/// batch of the feed: each step is written with its own checkpoint, and one whose checkpoint another runner moved is left
/// out while the others are written — on the SQLite and PostgreSQL stores (one transaction) and the in-memory one (the
/// interface's default, one step after the other).
/// </summary>
public sealed class DocumentStepsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly DocumentTally tally = new(new TallySettings());
    private readonly OtherTally other = new();
    private readonly PostgreSql.PostgreSqlServer server = new();

    public void Dispose()
    {
        folder.Dispose();
        server.Dispose();
    }

    public static TheoryData<string> Stores => new() { "sqlite", "postgresql", "memory" };

    public static TheoryData<string> OneTransaction => new() { "sqlite", "postgresql" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Steps_are_written_each_with_its_checkpoint_and_one_another_runner_moved_is_left_out(string kind)
    {
        var (store, models, dispose) = Open(kind);
        using (dispose)
        {
            await models.ResetAsync(tally, Ct);
            await models.ResetAsync(other, Ct);
            await store.CommitDocumentsAsync(other, 0, [Row("x", 9)], 3, Ct);   // another runner got there first

            var after = await store.CommitStepsAsync(
                [new DocumentCommit(tally, 0, [Row("a", 1), Row("b", 2)], 5), new DocumentCommit(other, 0, [Row("y", 1)], 5)], Ct);

            Assert.Equal([new ProjectionCheckpoint(1, 5), new ProjectionCheckpoint(1, 3)], after);
            Assert.Equal(new TallyRow(2, 2, 2), await store.GetDocumentAsync(tally, "b", Ct));
            Assert.Null(await store.GetDocumentAsync(other, "y", Ct));
            Assert.Equal(new TallyRow(9, 9, 9), await store.GetDocumentAsync(other, "x", Ct));
            Assert.Equal(new ProjectionCheckpoint(1, 3), await models.GetCheckpointAsync(other, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_projection_given_twice_in_one_commit_is_refused_and_nothing_is_written(string kind)
    {
        var (store, models, dispose) = Open(kind);
        using (dispose)
        {
            await models.ResetAsync(tally, Ct);

            var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await store.CommitStepsAsync(
                [new DocumentCommit(tally, 0, [Row("a", 1)], 2), new DocumentCommit(tally, 2, [Row("b", 1)], 4)], Ct));

            Assert.Contains("two steps in one commit", ex.Message, StringComparison.Ordinal);
            Assert.Equal(new ProjectionCheckpoint(1, 0), await models.GetCheckpointAsync(tally, Ct));
            Assert.Null(await store.GetDocumentAsync(tally, "a", Ct));
        }
    }

    [Theory]
    [MemberData(nameof(OneTransaction))]
    public async Task A_step_that_fails_leaves_every_step_of_its_commit_unwritten(string kind)
    {
        var (store, models, dispose) = Open(kind);
        using (dispose)
        {
            await models.ResetAsync(tally, Ct);
            await models.ResetAsync(other, Ct);

            // The second step's projection says version 2 of a model built by version 1: refused, and the first step goes with it.
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CommitStepsAsync(
                [new DocumentCommit(tally, 0, [Row("a", 1)], 5), new DocumentCommit(new OtherTally(version: 2), 0, [Row("y", 1)], 5)], Ct));

            Assert.Equal(new ProjectionCheckpoint(1, 0), await models.GetCheckpointAsync(tally, Ct));
            Assert.Null(await store.GetDocumentAsync(tally, "a", Ct));
            Assert.Null(await store.GetDocumentAsync(other, "y", Ct));
        }
    }

    private static System.Threading.CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentChange Row(string key, int count)
        => new(key, new TallyRow(count, count, count), [new("count", DocumentIndexEntry.Of(count))]);

    private (IDocumentStore Store, IProjectionStore Models, IDisposable? Dispose) Open(string kind)
    {
        if (kind == "sqlite")
        {
            var sqlite = new SqliteProjectionStore(new SqliteEventStoreOptions { Path = folder.File("steps.db") });
            return (sqlite, sqlite, sqlite);
        }

        if (kind == "postgresql")
        {
            var postgres = new CoProduction.Storage.PostgreSql.PostgreSqlProjectionStore(server.Options());
            return (postgres, postgres, postgres);
        }

        var memory = new InMemoryProjectionStore();
        return (memory, memory, null);
    }

    /// <summary>A second document projection beside the tally.</summary>
    private sealed class OtherTally(int version = 1) : DocumentProjection<TallyRow>(TallyJson.Default.TallyRow)
    {
        public override string Name => "tests.other-tally";

        public override int Version => version;

        protected override ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<TallyRow> documents, System.Threading.CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
