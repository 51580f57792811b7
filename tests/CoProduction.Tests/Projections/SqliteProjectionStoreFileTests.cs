using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CoProduction.Tests.Projections;

/// <summary>
/// The projection store's file failures after it opened are the same typed <see cref="SqliteStoreException"/> as the event
/// store's, naming what was attempted, and a refused write leaves the file as it was.
/// </summary>
public sealed class SqliteProjectionStoreFileTests : IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2016, 3, 1, 8, 0);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ParkedEvent Parked(long position, int reasonLength = 40)
        => new("mailer", position, new StreamId("cycle-kilifi-2016"), position, "test.numbered", 1, new string('r', reasonLength), "System.FormatException", At);

    private async Task<string> FileWithParkedAsync(int count, int reasonLength = 40)
    {
        var path = folder.File("projections.db");
        using (var store = new SqliteProjectionStore(new SqliteEventStoreOptions { Path = path }))
        {
            for (var position = 1; position <= count; position++)
            {
                await store.ParkAsync(Parked(position, reasonLength), Ct);
            }
        }

        SqliteConnection.ClearAllPools();
        return path;
    }

    [Fact]
    public async Task Writes_through_a_read_only_connection_are_refused_as_read_only_reads_still_work_and_the_file_is_unchanged()
    {
        var path = await FileWithParkedAsync(2);
        var before = StoreTesting.FileHash(path);

        using (var store = new SqliteProjectionStore(new SqliteEventStoreOptions { ConnectionString = $"Data Source={path};Mode=ReadOnly" }))
        {
            Assert.Equal(2, (await store.ListAsync("mailer", cancellationToken: Ct)).Count);
            var park = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.ParkAsync(Parked(3), Ct));
            var remove = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.RemoveAsync("mailer", 1, Ct));

            Assert.Equal((SqliteStoreFailure.ReadOnly, "park the event at position 3 for 'mailer'", path), (park.Reason, park.Attempted, park.DataSource));
            Assert.Equal((SqliteStoreFailure.ReadOnly, "remove the parked event at position 1 of 'mailer'"), (remove.Reason, remove.Attempted));
            Assert.StartsWith($"Could not park the event at position 3 for 'mailer' (store file '{path}'): ", park.Message, StringComparison.Ordinal);
            Assert.Equal(2, (await store.CountAsync(Ct))["mailer"]);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, StoreTesting.FileHash(path));
    }

    [Fact]
    public async Task Damage_in_the_middle_of_the_file_is_reported_on_reading_as_damaged()
    {
        var path = await FileWithParkedAsync(1000, reasonLength: 1000);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        Array.Fill(bytes, (byte)0xA5, bytes.Length / 2, 64 * 1024);
        await File.WriteAllBytesAsync(path, bytes, Ct);

        using var store = new SqliteProjectionStore(new SqliteEventStoreOptions { Path = path });
        var list = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.ListAsync("mailer", limit: 1000, cancellationToken: Ct));

        Assert.Equal((SqliteStoreFailure.Damaged, "list the parked events of 'mailer'", path), (list.Reason, list.Attempted, list.DataSource));
        Assert.Contains("restore the file from a backup", list.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damage_found_on_counting_or_parking_is_typed_and_the_park_writes_nothing()
    {
        var path = await FileWithParkedAsync(300, reasonLength: 200);
        int page;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var pageSize = connection.CreateCommand();
            pageSize.CommandText = "PRAGMA page_size";
            page = (int)(long)pageSize.ExecuteScalar()!;
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        Array.Fill(bytes, (byte)0xA5, page, bytes.Length - page);   // every page but the header and the schema
        await File.WriteAllBytesAsync(path, bytes, Ct);
        var before = StoreTesting.FileHash(path);

        using (var store = new SqliteProjectionStore(new SqliteEventStoreOptions { Path = path }))
        {
            var count = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.CountAsync(Ct));
            var park = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.ParkAsync(Parked(301), Ct));

            Assert.Equal((SqliteStoreFailure.Damaged, "count the parked events"), (count.Reason, count.Attempted));
            Assert.Equal((SqliteStoreFailure.Damaged, "park the event at position 301 for 'mailer'"), (park.Reason, park.Attempted));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, StoreTesting.FileHash(path));
    }
}
