using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The archive blocks of docs/persistence.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).
public sealed class ArchiveSnippets : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_programme_moves_to_another_store_verified_then_written_once()
    {
        var store = await ArchiveTesting.ProgrammeStoreAsync();
        IReadOnlyCollection<StreamId> programmeStreams = [ArchiveTesting.ProgrammeStream, ArchiveTesting.KilifiStream];
        IClock clock = new FakeClock(ArchiveTesting.Now);
        var path = folder.File("resyst-2012-2018.coarchive");
        using var otherStore = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("other.db") });
        var shown = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Show(string text) => shown.Enqueue(text);

        #region archive-export-import
        var archive = new EventArchive(clock);
        await using (var file = File.Create(path))
        {
            await archive.ExportAsync(store, file, programmeStreams);   // null = every stream
        }

        var progress = new Progress<ArchiveImportProgress>(p => Show($"{p.Stage}: {p.EventsVerified}/{p.EventCount} checked, {p.EventsWritten} written"));
        await using (var file = File.OpenRead(path))
        {
            try
            {
                await archive.ImportAsync(otherStore, file, progress);  // verifies every line, then one atomic write
            }
            catch (CorruptArchiveException e)
            {
                Show($"line {e.Line}: {e.Reason}: {e.Problem}");       // nothing was written
            }
            catch (ArchiveImportConflictException e)
            {
                Show($"{e.Stream} is already in the target");           // nothing was written
            }
        }
        #endregion

        Assert.Equal(
            (await store.ReadAllAsync(0, 100)).Where(e => programmeStreams.Contains(e.Stream)).Select(e => (e.Stream, e.Version)),
            (await otherStore.ReadAllAsync(0, 100)).Select(e => (e.Stream, e.Version)));
        Assert.DoesNotContain(shown, s => s.StartsWith("line", StringComparison.Ordinal) || s.Contains("already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sealed_archive_imports_only_with_its_key()
    {
        var store = await ArchiveTesting.ProgrammeStoreAsync();
        var otherStore = new InMemoryEventStore();
        IClock clock = new FakeClock(ArchiveTesting.Now);
        var secrets = new Dictionary<string, string> { ["Archives:Key"] = ArchiveKey.Generate().ToBase64() };
        using var sealedFile = new MemoryStream();

        #region archive-sealed
        // The key comes from where the app keeps secrets: at least 32 random bytes (ArchiveKey.Generate() makes one).
        var key = ArchiveKey.FromBase64(secrets["Archives:Key"]);
        var sealing = new EventArchive(clock, new EventArchiveOptions { Key = key });

        var manifest = await sealing.ExportAsync(store, sealedFile);    // manifest.SealKeyId == key.Id
        sealedFile.Position = 0;
        await sealing.ImportAsync(otherStore, sealedFile);               // refuses what this key did not seal
        #endregion

        Assert.Equal(key.Id, manifest.SealKeyId);
        Assert.Equal(manifest.EventCount, (await otherStore.ReadAllAsync(0, 100)).Count);
        sealedFile.Position = 0;
        var unsealed = await ArchiveTesting.ExportAsync(new EventArchive(clock), store);
        var ex = await Assert.ThrowsAsync<CorruptArchiveException>(async () => await sealing.ImportAsync(new InMemoryEventStore(), new MemoryStream(unsealed)));
        Assert.Equal(CorruptArchiveReason.NotSealed, ex.Reason);
    }
}
