using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Persistence.StoreTesting;

namespace CoProduction.Tests.Persistence;

public sealed class EventArchiveTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2018, 12, 31, 17, 0);
    private readonly TempFolder folder = new();
    private readonly EventArchive archive = new(new FakeClock(Now));

    public void Dispose() => folder.Dispose();

    private static async Task<InMemoryEventStore> ProgrammeAsync()
    {
        var store = new InMemoryEventStore();
        await store.AppendAsync(new StreamId("cycle-kilifi-2016"), 0, [Numbered(1), Numbered(2)], new CommandId("c1"));
        await store.AppendAsync(new StreamId("protocol-kwtrp-2"), 0, [Event("protocol.submitted", "{\"note\":\"é\\n\"}")]);
        await store.AppendAsync(new StreamId("cycle-kilifi-2016"), 2, [Numbered(3)], new CommandId("c2"));
        await store.AppendAsync(new StreamId("cycle-other-programme"), 0, [Numbered(4)]);
        return store;
    }

    private async Task<byte[]> ExportAsync(IEventStoreReader store, params StreamId[] streams)
    {
        using var file = new MemoryStream();
        await archive.ExportAsync(store, file, streams.Length == 0 ? null : streams);
        return file.ToArray();
    }

    [Fact]
    public async Task An_exported_programme_imports_into_a_sqlite_store_with_every_envelope_field_intact()
    {
        var source = await ProgrammeAsync();
        using var file = new MemoryStream();
        var manifest = await archive.ExportAsync(source, file, [new StreamId("cycle-kilifi-2016"), new StreamId("protocol-kwtrp-2")]);

        Assert.Equal((1, Now, 4L), (manifest.FormatVersion, manifest.CreatedAt, manifest.EventCount));
        Assert.Equal([new ArchivedStream(new StreamId("cycle-kilifi-2016"), 3), new ArchivedStream(new StreamId("protocol-kwtrp-2"), 1)], manifest.Streams);

        var target = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("imported.db") });
        file.Position = 0;
        Assert.Equal(manifest, await EventArchive.ImportAsync(target, file));

        foreach (var stream in manifest.Streams)
        {
            var expected = await source.ReadStreamAsync(stream.Stream);
            var actual = await target.ReadStreamAsync(stream.Stream);
            Assert.Equal(
                expected.Select(e => (e.Version, e.EventName, e.SchemaVersion, e.RecordedAt, e.Actor, e.CommandId, Encoding.UTF8.GetString(e.Payload.Span))),
                actual.Select(e => (e.Version, e.EventName, e.SchemaVersion, e.RecordedAt, e.Actor, e.CommandId, Encoding.UTF8.GetString(e.Payload.Span))));
        }

        Assert.Empty(await target.ReadStreamAsync(new StreamId("cycle-other-programme")));

        // Command ids survive, so a command retried after the move is still recognised.
        var retry = await target.AppendAsync(new StreamId("cycle-kilifi-2016"), 0, [Numbered(1)], new CommandId("c1"));
        Assert.True(retry.WasDuplicate);
    }

    [Fact]
    public async Task An_archive_of_everything_is_json_lines_with_a_manifest_first_and_a_checksum_last()
    {
        var bytes = await ExportAsync(await ProgrammeAsync());
        var lines = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n');

        Assert.Equal(7, lines.Length);
        Assert.StartsWith("""{"format":"coproduction-archive","formatVersion":1,"createdAt":"2018-12-31T17:00:00Z","eventCount":5,""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"sha256":""", lines[^1], StringComparison.Ordinal);
        Assert.Equal(5, (await EventArchive.VerifyAsync(new MemoryStream(bytes))).EventCount);
    }

    [Fact]
    public async Task A_truncated_archive_is_refused_and_nothing_is_written()
    {
        var bytes = await ExportAsync(await ProgrammeAsync());
        var target = new InMemoryEventStore();
        foreach (var cut in new[] { 0, 10, bytes.Length / 2, bytes.Length - 40, bytes.Length - 1 })
        {
            await Assert.ThrowsAsync<CorruptArchiveException>(async () => await EventArchive.ImportAsync(target, new MemoryStream(bytes[..cut])));
        }

        Assert.Empty(await target.ReadAllAsync(0, 100));
    }

    [Fact]
    public async Task A_damaged_archive_is_refused_by_its_checksum_and_nothing_is_written()
    {
        var bytes = await ExportAsync(await ProgrammeAsync());
        var text = Encoding.UTF8.GetString(bytes);
        var damaged = Encoding.UTF8.GetBytes(text.Replace("\"n\":2", "\"n\":9", StringComparison.Ordinal));
        var target = new InMemoryEventStore();

        var ex = await Assert.ThrowsAsync<CorruptArchiveException>(async () => await EventArchive.ImportAsync(target, new MemoryStream(damaged)));
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await target.ReadAllAsync(0, 100));
    }

    [Fact]
    public async Task An_import_into_a_store_that_already_holds_a_stream_is_refused_before_writing()
    {
        var bytes = await ExportAsync(await ProgrammeAsync());
        var target = new InMemoryEventStore();
        await target.AppendAsync(new StreamId("cycle-other-programme"), 0, [Numbered(99)]);

        await Assert.ThrowsAsync<ConcurrencyException>(async () => await EventArchive.ImportAsync(target, new MemoryStream(bytes)));
        Assert.Single(await target.ReadAllAsync(0, 100));
    }

    [Fact]
    public async Task A_file_that_is_not_an_archive_is_refused()
    {
        var target = new InMemoryEventStore();
        await Assert.ThrowsAsync<CorruptArchiveException>(async () => await EventArchive.ImportAsync(target, new MemoryStream("hello\nworld\n"u8.ToArray())));
        await Assert.ThrowsAsync<CorruptArchiveException>(async () => await EventArchive.ImportAsync(target, new MemoryStream([])));
    }
}
