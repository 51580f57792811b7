using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CoProduction.Persistence;
using NodaTime.Testing;
using static CoProduction.Tests.Persistence.ArchiveTesting;

namespace CoProduction.Tests.Persistence;

/// <summary>
/// Each kind of bad archive, as a careful user or an attacker would make it (edited, then the checksum recomputed),
/// imported into both stores: a typed error naming the line and the reason, and the target unchanged byte for byte.
/// </summary>
public sealed class BadArchiveTests
{
    private static readonly EventArchive Archive = new(new FakeClock(Now));

    /// <summary>A bad archive made from a good one, with the reason and the 1-based line it must be refused for.</summary>
    private delegate (byte[] Archive, CorruptArchiveReason Reason, long Line) Spoil(byte[] good);

    private static readonly Dictionary<string, Spoil> Cases = new()
    {
        ["a blank wire name"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["name"] = "", CorruptArchiveReason.InvalidLine),
        ["a white-space wire name"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["name"] = "  ", CorruptArchiveReason.InvalidLine),
        ["an unknown wire name"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["name"] = "programme.site-renamed", CorruptArchiveReason.UnknownEventType),
        ["a newer schema version"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["schemaVersion"] = 99, CorruptArchiveReason.UnknownEventType),
        ["a payload of another shape"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["payload"] = new JsonObject { ["site"] = 42 }, CorruptArchiveReason.InvalidPayload),
        ["a payload that is not an object"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["payload"] = "site", CorruptArchiveReason.InvalidPayload),
        ["a command id reused in a stream after another command"] =
            good => EditEvent(good, "\"commandId\":\"add-sedibeng\"", e => e["commandId"] = "add-kilifi", CorruptArchiveReason.CommandIdReused),
        ["an opening event again inside a history"] = good =>
        {
            var body = Body(good);
            var opening = JsonNode.Parse(body[IndexOf(body, "\"commandId\":\"register-resyst\"")])!.AsObject();
            return EditEvent(good, "\"commandId\":\"add-kilifi\"", e => (e["name"], e["payload"]) = (opening["name"]!.DeepClone(), opening["payload"]!.DeepClone()), CorruptArchiveReason.InvalidHistory);
        },
        ["an unknown field"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["note"] = "added by hand", CorruptArchiveReason.InvalidLine),
        ["a missing field"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e.Remove("actor"), CorruptArchiveReason.InvalidLine),
        ["a malformed actor"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["actor"] = "someone", CorruptArchiveReason.InvalidLine),
        ["a malformed instant"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["recordedAt"] = "yesterday", CorruptArchiveReason.InvalidLine),
        ["a repeated field"] = good => EditLine(good, "\"commandId\":\"add-kilifi\"", l => l.Replace("\"name\":", "\"name\":\"programme.site-added\",\"name\":", StringComparison.Ordinal), CorruptArchiveReason.InvalidLine),
        ["a line that is not JSON"] = good => EditLine(good, "\"commandId\":\"add-kilifi\"", _ => "add kilifi", CorruptArchiveReason.InvalidLine),
        ["a version skipped"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["version"] = 3, CorruptArchiveReason.ManifestMismatch),
        ["a stream the manifest does not list"] = good => EditEvent(good, "\"commandId\":\"add-kilifi\"", e => e["stream"] = "programme-other", CorruptArchiveReason.ManifestMismatch),
        ["the last event removed"] = good =>
        {
            var body = Body(good);
            body.RemoveAt(body.Count - 1);
            return (Reseal(body), CorruptArchiveReason.ManifestMismatch, body.Count + 1);
        },
        ["two lines swapped"] = good =>
        {
            var body = Body(good);
            var (a, b) = (IndexOf(body, "\"commandId\":\"open-kilifi\""), IndexOf(body, "\"commandId\":\"add-kilifi\""));
            (body[a], body[b]) = (body[b], body[a]);
            return (Reseal(body), CorruptArchiveReason.ManifestMismatch, a + 2);
        },
        ["a stream listed twice in the manifest"] = good => EditManifest(good, m => m["streams"]!.AsArray().Add(m["streams"]![0]!.DeepClone()), CorruptArchiveReason.InvalidManifest),
        ["a manifest whose counts do not add up"] = good => EditManifest(good, m => m["eventCount"] = m["eventCount"]!.GetValue<long>() + 1, CorruptArchiveReason.InvalidManifest),
        ["a manifest field repeated"] = good => EditLine(good, "\"format\":", l => l.Replace("\"eventCount\":", "\"eventCount\":1,\"eventCount\":", StringComparison.Ordinal), CorruptArchiveReason.InvalidManifest),
        ["a newer format"] = good => EditManifest(good, m => m["formatVersion"] = 2, CorruptArchiveReason.NewerFormat),
        ["a stream of no known aggregate"] = good =>
        {
            var text = Encoding.UTF8.GetString(good[..good.AsSpan().LastIndexOf("{\"sha256\""u8)]);
            return (Reseal(Encoding.UTF8.GetBytes(text.Replace("\"site-kilifi\"", "\"clinic-kilifi\"", StringComparison.Ordinal))), CorruptArchiveReason.UnknownAggregate, 1);
        },
        ["invalid UTF-8"] = good =>
        {
            var body = good[..good.AsSpan().LastIndexOf("{\"sha256\""u8)];
            var at = body.AsSpan().IndexOf("RESYST"u8);
            body[at + 3] = 0xFF;
            return (Reseal(body), CorruptArchiveReason.InvalidUtf8, body.AsSpan(0, at).Count((byte)'\n') + 1);
        },
        ["a file cut inside a line"] = good =>
        {
            var cut = good.AsSpan().IndexOf("\"commandId\":\"add-kilifi\""u8);
            return (good[..cut], CorruptArchiveReason.Truncated, good.AsSpan(0, cut).Count((byte)'\n') + 1);
        },
        ["a file cut after a line"] = good =>
        {
            var body = Body(good);
            return (Encoding.UTF8.GetBytes(string.Concat(body.Take(4).Select(l => l + "\n"))), CorruptArchiveReason.Truncated, 5);
        },
        ["a file cut inside its checksum line"] = good => (good[..^10], CorruptArchiveReason.Truncated, Body(good).Count + 1),
        ["damage the checksum detects"] = good =>
        {
            var bad = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(good).Replace("Kilifi County", "Kilifi Countx", StringComparison.Ordinal));
            return (bad, CorruptArchiveReason.ChecksumMismatch, Body(good).Count + 1);
        },
        ["a line after the checksum"] = good => ([.. good, .. "{\"sha256\":\"00\"}\n"u8.ToArray()], CorruptArchiveReason.InvalidLine, Body(good).Count + 2),
        ["a file that is not an archive"] = _ => ("hello\nworld\n"u8.ToArray(), CorruptArchiveReason.NotAnArchive, 1),
        ["an empty file"] = _ => ([], CorruptArchiveReason.NotAnArchive, 1),
    };

    public static TheoryData<string, string> CasesOnBothStores()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, "memory");
            data.Add(name, "sqlite");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesOnBothStores))]
    public async Task A_bad_archive_is_refused_with_its_line_and_reason_and_the_target_is_unchanged(string spoiled, string kind)
    {
        var good = await ExportAsync(Archive, await ProgrammeStoreAsync());
        var (bad, reason, line) = Cases[spoiled](good);
        using var target = await ImportTarget.CreateAsync(kind);
        var before = await target.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<CorruptArchiveException>(async () => await Archive.ImportAsync(target.Store, new MemoryStream(bad)));

        Assert.Equal((reason, line), (ex.Reason, ex.Line));
        Assert.Contains($"line {line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await target.SnapshotAsync());

        var verified = await Assert.ThrowsAsync<CorruptArchiveException>(async () => await Archive.VerifyAsync(new MemoryStream(bad)));
        Assert.Equal((reason, line), (verified.Reason, verified.Line));
    }

    [Fact]
    public async Task Every_reason_has_a_case()
    {
        var good = await ExportAsync(Archive, await ProgrammeStoreAsync());
        var covered = Cases.Values.Select(c => c(good).Reason).ToHashSet();
        covered.UnionWith([CorruptArchiveReason.NotSealed, CorruptArchiveReason.SealMismatch]); // ArchiveSealTests
        Assert.Equal(Enum.GetValues<CorruptArchiveReason>().ToHashSet(), covered);
    }

    private static (byte[], CorruptArchiveReason, long) EditEvent(byte[] good, string find, Action<JsonObject> edit, CorruptArchiveReason reason)
        => EditLine(good, find, line =>
        {
            var e = JsonNode.Parse(line)!.AsObject();
            edit(e);
            return e.ToJsonString();
        }, reason);

    private static (byte[], CorruptArchiveReason, long) EditManifest(byte[] good, Action<JsonObject> edit, CorruptArchiveReason reason)
        => EditEvent(good, "\"format\":\"coproduction-archive\"", edit, reason);

    private static (byte[], CorruptArchiveReason, long) EditLine(byte[] good, string find, Func<string, string> edit, CorruptArchiveReason reason)
    {
        var body = Body(good);
        var index = IndexOf(body, find);
        body[index] = edit(body[index]);
        return (Reseal(body), reason, index + 1);
    }
}
