using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Sites;
using NodaTime;

namespace CoProduction.Tests.Persistence;

/// <summary>A real programme's archive, ways to edit it line by line, and import targets whose state can be compared before and after.</summary>
internal static class ArchiveTesting
{
    public static readonly Instant Now = Instant.FromUtc(2018, 12, 31, 17, 0);

    public static readonly StreamId ProgrammeStream = StreamId.For(Programme.StreamCategory, PaperSites.Resyst);
    public static readonly StreamId KilifiStream = StreamId.For(LearningSite.StreamCategory, PaperSites.KilifiId);
    public static readonly StreamId SedibengStream = StreamId.For(LearningSite.StreamCategory, PaperSites.SedibengId);

    /// <summary>
    /// The programme registered (command <c>register-resyst</c>), Kilifi opened with its team (<c>open-kilifi</c>),
    /// then three sites added and the umbrella protocol linked (<c>add-kilifi</c>, no id, <c>add-sedibeng</c>, <c>link-umbrella</c>).
    /// </summary>
    public static async Task<InMemoryEventStore> ProgrammeStoreAsync()
    {
        var store = new InMemoryEventStore();
        var programmes = new AggregateRepository<Programme>(store, EventSerializer.Default);
        var sites = new AggregateRepository<LearningSite>(store, EventSerializer.Default);
        var programme = Programme.Register(
            new ProgrammeRegistration(PaperSites.Resyst, "RESYST", new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31))), PaperSites.Stamp);
        await programmes.SaveAsync(programme, new CommandId("register-resyst"));
        await sites.SaveAsync(PaperSites.Kilifi(), new CommandId("open-kilifi"));
        programme.AddSite(PaperSites.KilifiId, PaperSites.Stamp);
        await programmes.SaveAsync(programme, new CommandId("add-kilifi"));
        programme.AddSite(PaperSites.MitchellsPlainId, PaperSites.Stamp);
        await programmes.SaveAsync(programme);
        programme.AddSite(PaperSites.SedibengId, PaperSites.Stamp);
        await programmes.SaveAsync(programme, new CommandId("add-sedibeng"));
        programme.LinkUmbrellaProtocol(new ProtocolId("resyst-umbrella"), PaperSites.Stamp);
        await programmes.SaveAsync(programme, new CommandId("link-umbrella"));
        return store;
    }

    public static async Task<byte[]> ExportAsync(EventArchive archive, IEventStoreReader store, IReadOnlyCollection<StreamId>? streams = null)
    {
        using var file = new MemoryStream();
        await archive.ExportAsync(store, file, streams);
        return file.ToArray();
    }

    /// <summary>The archive's lines without the checksum line (the file is valid UTF-8, so this is lossless).</summary>
    public static List<string> Body(byte[] archive)
    {
        var lines = Encoding.UTF8.GetString(archive).Split('\n').ToList();
        Assert.Equal("", lines[^1]);
        return lines[..^2];
    }

    /// <summary>The 0-based index of the first line containing <paramref name="text"/>.</summary>
    public static int IndexOf(List<string> lines, string text)
    {
        var index = lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line contains {text}");
        return index;
    }

    /// <summary>Writes the lines with a recomputed checksum, and a seal when a key is given: what someone who edits an archive can do.</summary>
    public static byte[] Reseal(IEnumerable<string> body, ArchiveKey? key = null) => Reseal(Encoding.UTF8.GetBytes(string.Concat(body.Select(l => l + "\n"))), key);

    /// <summary>Appends a recomputed checksum line (and a seal when a key is given) to the raw bytes of an archive's body.</summary>
    public static byte[] Reseal(byte[] body, ArchiveKey? key = null)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        var last = key is null
            ? $$"""{"sha256":"{{sha}}"}"""
            : $$"""{"sha256":"{{sha}}","keyId":"{{key.Id}}","hmacSha256":"{{Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(key.ToBase64()), body))}}"}""";
        return [.. body, .. Encoding.UTF8.GetBytes(last + "\n")];
    }
}

/// <summary>A store to import into, already holding an unrelated stream, whose whole state (for SQLite: its files, byte for byte) can be captured.</summary>
public sealed class ImportTarget : IDisposable
{
    private static readonly StreamId Unrelated = StreamId.For(LearningSite.StreamCategory, new SiteId("unrelated"));
    private readonly TempFolder? folder;

    private ImportTarget(IEventStore store, TempFolder? folder)
    {
        Store = store;
        this.folder = folder;
    }

    public IEventStore Store { get; }

    public string Kind => folder is null ? "memory" : "sqlite";

    public static async Task<ImportTarget> CreateAsync(string kind)
    {
        TempFolder? folder = kind == "sqlite" ? new TempFolder() : null;
        IEventStore store = folder is null ? new InMemoryEventStore() : new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("target.db") });
        var site = LearningSite.Register(new SiteRegistration(new SiteId("unrelated"), "Unrelated district", CountryCode.Kenya, DateTimeZoneProviders.Tzdb["Africa/Nairobi"])
            {
                Level = SiteLevel.District,
                EngagedSinceYear = 2010,
            },
            PaperSites.Stamp);
        await new AggregateRepository<LearningSite>(store, EventSerializer.Default).SaveAsync(site, new CommandId("unrelated"));
        Assert.Equal(Unrelated, site.StreamId);
        return new ImportTarget(store, folder);
    }

    /// <summary>Everything the target holds: every event's envelope, and for SQLite the hash of the database file and its WAL.</summary>
    public async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        foreach (var e in await Store.ReadAllAsync(0, int.MaxValue))
        {
            text.Append($"{e.Stream} {e.Version} {e.Position} {e.EventName} {e.SchemaVersion} {e.RecordedAt} {e.Actor} {e.CommandId} {Convert.ToHexString(e.Payload.Span)}\n");
        }

        if (folder is not null)
        {
            // The -shm file is SQLite's shared-memory index of the WAL, rewritten by readers too; the data is in the other two.
            foreach (var file in Directory.GetFiles(folder.Path).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                text.Append($"{Path.GetFileName(file)} {StoreTesting.FileHash(file)}\n");
            }
        }

        return text.ToString();
    }

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        folder?.Dispose();
    }
}
