using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Extensions;
using NodaTime.Testing;
using static CoProduction.Tests.Persistence.ArchiveTesting;

namespace CoProduction.Tests.Persistence;

public sealed class EventArchiveTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly EventArchive archive = new(new FakeClock(Now));

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task An_exported_programme_imports_into_a_sqlite_store_with_every_envelope_field_intact()
    {
        var source = await ProgrammeStoreAsync();
        using var file = new MemoryStream();
        var manifest = await archive.ExportAsync(source, file, [ProgrammeStream, KilifiStream]);
        var kilifi = (await source.ReadStreamAsync(KilifiStream)).Count;

        Assert.Equal((1, Now, 5L + kilifi, (string?)null), (manifest.FormatVersion, manifest.CreatedAt, manifest.EventCount, manifest.SealKeyId));
        Assert.Equal([new ArchivedStream(ProgrammeStream, 5), new ArchivedStream(KilifiStream, kilifi)], manifest.Streams);

        using var target = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("imported.db") });
        file.Position = 0;
        Assert.Equal(manifest, await archive.ImportAsync(target, file));

        foreach (var stream in manifest.Streams)
        {
            var expected = await source.ReadStreamAsync(stream.Stream);
            var actual = await target.ReadStreamAsync(stream.Stream);
            Assert.Equal(
                expected.Select(e => (e.Version, e.EventName, e.SchemaVersion, e.RecordedAt, e.Actor, e.CommandId, Convert.ToHexString(e.Payload.Span))),
                actual.Select(e => (e.Version, e.EventName, e.SchemaVersion, e.RecordedAt, e.Actor, e.CommandId, Convert.ToHexString(e.Payload.Span))));
        }

        // The archive's global order is kept, and the aggregates load.
        Assert.Equal(
            (await source.ReadAllAsync(0, 1000)).Select(e => (e.Stream, e.Version)),
            (await target.ReadAllAsync(0, 1000)).Select(e => (e.Stream, e.Version)));
        Assert.Equal(3, (await new AggregateRepository<Programme>(target, EventSerializer.Default).LoadAsync(ProgrammeStream)).State.Sites.Count);

        // Command ids survive, so a command retried after the move is still recognised.
        var retry = await target.AppendAsync(ProgrammeStream, 0, [StoreTesting.Event("programme.site-added")], new CommandId("add-kilifi"));
        Assert.True(retry.WasDuplicate);
    }

    [Fact]
    public async Task An_archive_of_everything_is_json_lines_with_a_manifest_first_and_a_checksum_last()
    {
        var bytes = await ExportAsync(archive, await ProgrammeStoreAsync());
        var lines = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n');
        var count = (await (await ProgrammeStoreAsync()).ReadAllAsync(0, 1000)).Count;

        Assert.Equal(count + 2, lines.Length);
        Assert.StartsWith($$"""{"format":"coproduction-archive","formatVersion":1,"createdAt":"2018-12-31T17:00:00Z","eventCount":{{count}},""", lines[0], StringComparison.Ordinal);
        Assert.Matches("""^\{"sha256":"[0-9a-f]{64}"\}$""", lines[^1]);
        Assert.Equal(count, (await archive.VerifyAsync(new MemoryStream(bytes))).EventCount);
    }

    [Fact]
    public async Task Progress_reports_the_lines_verified_and_the_events_written()
    {
        var bytes = await ExportAsync(archive, await ProgrammeStoreAsync());
        var reports = new List<ArchiveImportProgress>();
        var target = new InMemoryEventStore();

        var manifest = await archive.ImportAsync(target, new MemoryStream(bytes), new SynchronousProgress(reports.Add));

        Assert.Equal(
            new ArchiveImportProgress(ArchiveImportStage.Verifying, 1, 0, 0, manifest.EventCount), reports[0]);
        Assert.Equal(
            [ArchiveImportStage.Verifying, ArchiveImportStage.Writing, ArchiveImportStage.Completed], reports.Select(r => r.Stage).Distinct());
        Assert.Equal(new ArchiveImportProgress(ArchiveImportStage.Completed, 0, manifest.EventCount, manifest.EventCount, manifest.EventCount), reports[^1]);
        Assert.All(reports.Where(r => r.Stage != ArchiveImportStage.Completed), r => Assert.Equal(0, r.EventsWritten));
    }

    [Fact]
    public async Task An_empty_store_exports_an_archive_that_imports_as_nothing()
    {
        var bytes = await ExportAsync(archive, new InMemoryEventStore());
        var target = new InMemoryEventStore();

        var manifest = await archive.ImportAsync(target, new MemoryStream(bytes));

        Assert.Equal(0, manifest.EventCount);
        Assert.Empty(await target.ReadAllAsync(0, 10));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task An_import_into_a_store_that_already_holds_a_stream_is_refused_and_writes_nothing(string kind)
    {
        var bytes = await ExportAsync(archive, await ProgrammeStoreAsync());
        using var target = await ImportTarget.CreateAsync(kind);
        await new AggregateRepository<LearningSite>(target.Store, EventSerializer.Default).SaveAsync(Sites.PaperSites.Kilifi());
        var before = await target.SnapshotAsync();
        var ex = await Assert.ThrowsAsync<ArchiveImportConflictException>(async () => await archive.ImportAsync(target.Store, new MemoryStream(bytes)));

        Assert.Equal(KilifiStream, ex.Stream);
        Assert.Contains("Nothing was written", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await target.SnapshotAsync());
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task An_archive_imported_again_into_its_target_is_a_conflict_not_a_silent_retry(string kind)
    {
        var bytes = await ExportAsync(archive, await ProgrammeStoreAsync());
        using var target = await ImportTarget.CreateAsync(kind);
        await archive.ImportAsync(target.Store, new MemoryStream(bytes));
        var before = await target.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<ArchiveImportConflictException>(async () => await archive.ImportAsync(target.Store, new MemoryStream(bytes)));

        Assert.Contains("Nothing was written", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await target.SnapshotAsync());
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task An_archive_holding_a_stream_imported_before_with_its_command_ids_writes_none_of_its_other_streams(string kind)
    {
        var source = await ProgrammeStoreAsync();
        var kilifiOnly = new MemoryStream();
        await archive.ExportAsync(source, kilifiOnly, [KilifiStream]);
        var everything = await ExportAsync(archive, source);
        using var target = await ImportTarget.CreateAsync(kind);
        await archive.ImportAsync(target.Store, new MemoryStream(kilifiOnly.ToArray()));
        var before = await target.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<ArchiveImportConflictException>(async () => await archive.ImportAsync(target.Store, new MemoryStream(everything)));

        Assert.Equal(KilifiStream, ex.Stream);
        Assert.Equal(before, await target.SnapshotAsync());
        Assert.Empty(await target.Store.ReadStreamAsync(ProgrammeStream));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_stream_another_writer_creates_between_verifying_and_writing_fails_the_whole_import(string kind)
    {
        var bytes = await ExportAsync(archive, await ProgrammeStoreAsync());
        using var target = await ImportTarget.CreateAsync(kind);
        var store = new InterferingStore(target.Store);
        var other = kind == "sqlite"
            ? new SqliteEventStore(new SqliteEventStoreOptions { Path = ((SqliteEventStore)target.Store).DataSource })
            : target.Store;
        var otherKilifi = Sites.PaperSites.Kilifi();
        store.BeforeNextAppend(async () => await new AggregateRepository<LearningSite>(other, EventSerializer.Default).SaveAsync(otherKilifi, new CommandId("the-other-writer")));
        var ex = await Assert.ThrowsAsync<ArchiveImportConflictException>(async () => await archive.ImportAsync(store, new MemoryStream(bytes)));
        (other as IDisposable)?.Dispose();

        Assert.Equal((KilifiStream, (long)otherKilifi.Version), (ex.Stream, ex.ExistingVersion));
        var all = await target.Store.ReadAllAsync(0, 1000);
        Assert.Equal(["site-unrelated", KilifiStream.Value], all.Select(e => e.Stream.Value).Distinct());
        Assert.All(all.Where(e => e.Stream == KilifiStream), e => Assert.Equal(new CommandId("the-other-writer"), e.CommandId));
    }

    [Fact]
    public async Task A_store_without_atomic_writes_of_several_commands_is_refused_before_anything_is_written()
    {
        var bytes = await ExportAsync(archive, await ProgrammeStoreAsync());
        var target = new PlainStore();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await archive.ImportAsync(target, new MemoryStream(bytes)));
        Assert.Empty(await target.ReadAllAsync(0, 10));
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ArchiveImportProgress> report) : IProgress<ArchiveImportProgress>
    {
        public void Report(ArchiveImportProgress value) => report(value);
    }

    /// <summary>A store written before atomic writes of several commands: it has only the interface's default.</summary>
    private sealed class PlainStore : IEventStore
    {
        private readonly InMemoryEventStore inner = new();

        public ValueTask<AppendResult> AppendAsync(StreamId stream, long expectedVersion, IReadOnlyList<EventData> events, CommandId? commandId = null, System.Threading.CancellationToken cancellationToken = default)
            => inner.AppendAsync(stream, expectedVersion, events, commandId, cancellationToken);

        public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, System.Threading.CancellationToken cancellationToken)
            => inner.AppendStreamsAsync(appends, commandId, cancellationToken);

        public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, System.Threading.CancellationToken cancellationToken)
            => inner.AppendStreamsAsync(appends, commandId, fingerprint, cancellationToken);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamId stream, long fromVersion = 1, System.Threading.CancellationToken cancellationToken = default)
            => inner.ReadStreamAsync(stream, fromVersion, cancellationToken);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int maxCount, System.Threading.CancellationToken cancellationToken = default)
            => inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);

        public ValueTask<long> ReadLastPositionAsync(System.Threading.CancellationToken cancellationToken = default)
            => inner.ReadLastPositionAsync(cancellationToken);
    }
}
