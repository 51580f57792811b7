using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.Projections;

/// <summary>
/// The SQLite projection store keeps the documents it parsed as of the model's stamp (generation, version, checkpoint) and
/// takes them without reading the table while the stamp stands. Two store instances over one file stand for two processes:
/// what one writes, the other must read at once, whatever it kept.
/// </summary>
public sealed class SqliteDocumentCacheTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly DocumentTally tally = new(new TallySettings());

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_document_another_process_changed_is_read_as_changed_by_key_and_by_index()
    {
        using var first = Open();
        using var second = Open();
        await first.ResetAsync(tally, Ct);
        await first.CommitDocumentsAsync(tally, 0, [Row("a", 1), Row("b", 1)], 1, Ct);
        Assert.Equal(1L, Count(await first.GetDocumentAsync(tally, "a", Ct)));
        Assert.Equal(["a:1", "b:1"], await ByCountAsync(first));

        await second.CommitDocumentsAsync(tally, 1, [Row("a", 2)], 2, Ct);

        Assert.Equal(2L, Count(await first.GetDocumentAsync(tally, "a", Ct)));
        Assert.Equal(["b:1", "a:2"], await ByCountAsync(first));
        Assert.Equal(["a", "b"], (await first.QueryDocumentsAsync(tally, null, DocumentRange.All, null, 10, Ct)).Select(f => f.Key));
    }

    [Fact]
    public async Task A_model_another_process_reset_and_rebuilt_to_the_same_checkpoint_is_read_as_rebuilt()
    {
        using var first = Open();
        using var second = Open();
        await first.ResetAsync(tally, Ct);
        await first.CommitDocumentsAsync(tally, 0, [Row("a", 1)], 1, Ct);
        Assert.Equal(["a:1"], await ByCountAsync(first));

        // Same version, same position, other documents: only the generation tells the two models apart.
        await second.ResetAsync(tally, Ct);
        await second.CommitDocumentsAsync(tally, 0, [Row("a", 7), Row("c", 3)], 1, Ct);

        Assert.Equal(7L, Count(await first.GetDocumentAsync(tally, "a", Ct)));
        Assert.Equal(["c:3", "a:7"], await ByCountAsync(first));
    }

    [Fact]
    public async Task A_document_removed_by_another_process_is_no_longer_found()
    {
        using var first = Open();
        using var second = Open();
        await first.ResetAsync(tally, Ct);
        await first.CommitDocumentsAsync(tally, 0, [Row("a", 1), Row("b", 2)], 1, Ct);
        Assert.Equal(["a:1", "b:2"], await ByCountAsync(first));

        await second.CommitDocumentsAsync(tally, 1, [new DocumentChange("a", null, [])], 2, Ct);

        Assert.Null(await first.GetDocumentAsync(tally, "a", Ct));
        Assert.Equal(["b:2"], await ByCountAsync(first));
    }

    [Fact]
    public async Task A_document_with_two_index_values_in_range_is_found_at_each_whether_kept_or_read()
    {
        using (var writer = Open())
        {
            await writer.ResetAsync(tally, Ct);
            await writer.CommitDocumentsAsync(
                tally, 0, [new DocumentChange("a", new TallyRow(4, 4, 1), [new("count", DocumentIndexEntry.Of(1)), new("count", DocumentIndexEntry.Of(2))])], 1, Ct);
        }

        // A new instance has kept nothing and reads the document once for both entries; the second query takes it as kept.
        using var reader = Open();
        for (var pass = 0; pass < 2; pass++)
        {
            var found = await reader.QueryDocumentsAsync(tally, "count", DocumentRange.All, null, 10, Ct);
            Assert.Equal([("a", DocumentIndexEntry.Of(1), 4L), ("a", DocumentIndexEntry.Of(2), 4L)], found.Select(f => (f.Key, f.Value, Count(f.Document))));
        }
    }

    private static System.Threading.CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentChange Row(string key, int count)
        => new(key, new TallyRow(count, count, count), [new("count", DocumentIndexEntry.Of(count))]);

    private static long Count(object? document) => ((TallyRow)document!).Count;

    private SqliteProjectionStore Open() => new(new SqliteEventStoreOptions { Path = folder.File("models.db") });

    private async Task<List<string>> ByCountAsync(SqliteProjectionStore store)
        => [.. (await store.QueryDocumentsAsync(tally, "count", DocumentRange.All, null, 10, Ct)).Select(f => $"{f.Key}:{Count(f.Document)}")];
}
