using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using NodaTime.Testing;
using static CoProduction.Tests.Persistence.ArchiveTesting;

namespace CoProduction.Tests.Persistence;

/// <summary>Signed archives: a key seals the export with HMAC-SHA256, and an import with the key refuses what the key did not seal.</summary>
public sealed class ArchiveSealTests
{
    private static readonly ArchiveKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly ArchiveKey OtherKey = new(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    private static readonly EventArchive Unkeyed = new(new FakeClock(Now));
    private static readonly EventArchive Keyed = new(new FakeClock(Now), new EventArchiveOptions { Key = Key });

    [Fact]
    public async Task A_sealed_archive_imports_with_its_key_and_says_which_key_sealed_it()
    {
        var source = await ProgrammeStoreAsync();
        var sealedArchive = await ExportAsync(Keyed, source);
        var target = new InMemoryEventStore();

        var manifest = await Keyed.ImportAsync(target, new MemoryStream(sealedArchive));

        Assert.Equal(Key.Id, manifest.SealKeyId);
        Assert.Matches("""^\{"sha256":"[0-9a-f]{64}","keyId":"[0-9a-f]{16}","hmacSha256":"[0-9a-f]{64}"\}$""", Encoding.UTF8.GetString(sealedArchive).TrimEnd('\n').Split('\n')[^1]);
        Assert.Equal((await source.ReadAllAsync(0, 1000)).Count, (await target.ReadAllAsync(0, 1000)).Count);
        Assert.DoesNotContain(Key.ToBase64(), Encoding.UTF8.GetString(sealedArchive), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_an_edited_archive_with_a_recomputed_checksum_imports_as_the_docs_say()
    {
        var good = await ExportAsync(Unkeyed, await ProgrammeStoreAsync());
        var edited = Edited(good, key: null);
        var target = new InMemoryEventStore();

        var manifest = await Unkeyed.ImportAsync(target, new MemoryStream(edited));

        Assert.Null(manifest.SealKeyId);
        Assert.Contains(await target.ReadAllAsync(0, 1000), e => Encoding.UTF8.GetString(e.Payload.Span).Contains("Kilifi Province", StringComparison.Ordinal));
        var docs = File.ReadAllText(Path.Combine(StoreTesting.RepoRoot(), "docs", "persistence.md"));
        Assert.Contains("detects damage, not deliberate edits", docs, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task With_a_key_an_archive_not_sealed_by_it_is_refused_and_the_target_is_unchanged(string kind)
    {
        var store = await ProgrammeStoreAsync();
        var unsealed = await ExportAsync(Unkeyed, store);
        var sealedByAnother = await ExportAsync(new EventArchive(new FakeClock(Now), new EventArchiveOptions { Key = OtherKey }), store);
        var sealedArchive = await ExportAsync(Keyed, store);
        var checksumLine = Body(sealedArchive).Count + 1;
        using var target = await ImportTarget.CreateAsync(kind);
        var before = await target.SnapshotAsync();

        foreach (var (archive, reason, says) in new[]
        {
            (unsealed, CorruptArchiveReason.NotSealed, "not sealed"),
            (Edited(unsealed, key: null), CorruptArchiveReason.NotSealed, "not sealed"),
            (sealedByAnother, CorruptArchiveReason.SealMismatch, $"sealed by archive key {OtherKey.Id}"),
            (Edited(sealedArchive, key: OtherKey), CorruptArchiveReason.SealMismatch, $"sealed by archive key {OtherKey.Id}"),
            (Edited(sealedArchive, key: null, keepSeal: true), CorruptArchiveReason.SealMismatch, "edited after it was sealed"),
        })
        {
            var ex = await Assert.ThrowsAsync<CorruptArchiveException>(async () => await Keyed.ImportAsync(target.Store, new MemoryStream(archive)));
            Assert.Equal((reason, (long)checksumLine), (ex.Reason, ex.Line));
            Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await target.SnapshotAsync());
    }

    [Fact]
    public async Task Without_a_key_damage_is_refused_by_the_checksum_and_the_error_says_it_cannot_tell_edits()
    {
        var good = await ExportAsync(Unkeyed, await ProgrammeStoreAsync());
        var damaged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(good).Replace("Kilifi County", "Kilifi Countx", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<CorruptArchiveException>(async () => await Unkeyed.ImportAsync(new InMemoryEventStore(), new MemoryStream(damaged)));

        Assert.Equal(CorruptArchiveReason.ChecksumMismatch, ex.Reason);
        Assert.Contains("detects damage, not deliberate edits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_shorter_than_32_bytes_or_not_base64_is_refused_and_a_key_never_shows_its_bytes()
    {
        Assert.Throws<ArgumentException>(() => new ArchiveKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => ArchiveKey.FromBase64("not base64!"));
        Assert.Throws<ArgumentException>(() => ArchiveKey.FromBase64(Convert.ToBase64String(new byte[16])));
        var key = ArchiveKey.Generate();
        Assert.Equal(key.Id, ArchiveKey.FromBase64(key.ToBase64()).Id);
        Assert.NotEqual(key.Id, ArchiveKey.Generate().Id);
        Assert.Equal($"archive key {key.Id}", key.ToString());
    }

    /// <summary>The archive with Kilifi's name changed and its checksum recomputed; re-sealed with <paramref name="key"/>, or keeping the old seal.</summary>
    private static byte[] Edited(byte[] archive, ArchiveKey? key, bool keepSeal = false)
    {
        var lines = Encoding.UTF8.GetString(archive).TrimEnd('\n').Split('\n');
        var body = lines[..^1].Select(l => l.Replace("Kilifi County", "Kilifi Province", StringComparison.Ordinal)).ToList();
        Assert.NotEqual(lines[..^1], body);
        var resealed = Reseal(body, key);
        if (!keepSeal)
        {
            return resealed;
        }

        var sha = Encoding.UTF8.GetString(resealed).TrimEnd('\n').Split('\n')[^1][..76];
        var seal = lines[^1][76..];
        return Encoding.UTF8.GetBytes(string.Concat(body.Select(l => l + "\n")) + sha + seal + "\n");
    }
}
