using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Persistence;
using CoProduction.Privacy;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.ReadModels;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Privacy;

/// <summary>Personal data sealed under a key per person, and erased by deleting the key (issue 17, item 3).</summary>
public sealed class PersonalDataTests
{
    internal const string Name = "Wanjiru Kamau-Otieno";
    internal const string Note = "Wanjiru asked about her leave";
    private static readonly SiteId Site = new("bomu");
    internal static readonly MemberId Member = new("m-017");
    private static readonly Instant At = Instant.FromUtc(2019, 1, 15, 9, 0);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_member_s_name_is_stored_sealed_reads_back_while_their_key_exists_and_as_the_marker_once_it_is_deleted()
    {
        var keys = new InMemoryPersonalDataKeys();
        var serializer = Serializer(new PersonalDataProtector(keys));
        var added = new MemberAdded(Site, Member, Name, "Manager A", At, Actor.Named("registrar"));

        var data = serializer.Serialize(added);

        var payload = Encoding.UTF8.GetString(data.Payload.Span);
        Assert.DoesNotContain("Wanjiru", payload, StringComparison.Ordinal);
        Assert.Contains("\"$sealed\":\"v1.", payload, StringComparison.Ordinal);
        Assert.Contains("Manager A", payload, StringComparison.Ordinal);
        Assert.Equal(data.Payload.ToArray(), serializer.Serialize(added).Payload.ToArray());   // a retry decides the same bytes
        Assert.Equal(added, serializer.Deserialize(Stored(data)));

        Assert.True(keys.Remove(PersonalData.SubjectOf(Site, Member)));

        var erased = Assert.IsType<MemberAdded>(serializer.Deserialize(Stored(data)));
        Assert.Equal(added with { DisplayName = PersonalData.ErasedMarker }, erased);
    }

    [Fact]
    public void A_sealed_value_that_was_edited_or_moved_to_another_person_is_a_corrupt_payload_not_a_wrong_name()
    {
        var keys = new InMemoryPersonalDataKeys();
        var serializer = Serializer(new PersonalDataProtector(keys));
        var data = serializer.Serialize(new MemberAdded(Site, Member, Name, null, At, Actor.Named("registrar")));
        var other = serializer.Serialize(new MemberAdded(Site, new MemberId("m-018"), "Someone Else", null, At, Actor.Named("registrar")));
        var payload = Encoding.UTF8.GetString(data.Payload.Span);
        var sealedText = payload[(payload.IndexOf("v1.", StringComparison.Ordinal) + 3)..payload.IndexOf('"', payload.IndexOf("v1.", StringComparison.Ordinal))];
        var flipped = sealedText[..^4] + (sealedText[^4] == 'A' ? 'B' : 'A') + sealedText[^3..];

        var edited = Assert.Throws<CorruptEventPayloadException>(() => serializer.Deserialize(Stored(data with { Payload = Encoding.UTF8.GetBytes(payload.Replace(sealedText, flipped, StringComparison.Ordinal)) })));
        var moved = Assert.Throws<CorruptEventPayloadException>(() => serializer.Deserialize(Stored(data with { Payload = Encoding.UTF8.GetBytes(payload.Replace("member/bomu/m-017", "member/bomu/m-018", StringComparison.Ordinal)) })));

        // The other person's whole sealed value, subject and all, copied into this person's event: it opens, but is not theirs.
        var otherSealed = Encoding.UTF8.GetString(other.Payload.Span);
        static string SealedObject(string json) => json[json.IndexOf("{\"$sealed\"", StringComparison.Ordinal)..(json.IndexOf('}', json.IndexOf("{\"$sealed\"", StringComparison.Ordinal)) + 1)];
        var copied = Assert.Throws<CorruptEventPayloadException>(() => serializer.Deserialize(Stored(data with { Payload = Encoding.UTF8.GetBytes(payload.Replace(SealedObject(payload), SealedObject(otherSealed), StringComparison.Ordinal)) })));

        Assert.Contains("sealed for 'member/bomu/m-018', but the event is about 'member/bomu/m-017'", copied.Message, StringComparison.Ordinal);
        Assert.Contains("'$.displayName'", edited.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", edited.Message, StringComparison.Ordinal);
        Assert.Contains("another person", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_wrapped_under_a_master_key_open_only_under_it_and_a_serializer_without_protection_refuses_sealed_data()
    {
        var keys = new InMemoryPersonalDataKeys();
        var master = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeySize);
        var data = Serializer(new PersonalDataProtector(keys, master)).Serialize(new MemberAdded(Site, Member, Name, null, At, Actor.Named("registrar")));
        var stored = keys.Find(PersonalData.SubjectOf(Site, Member))!;

        Assert.Equal(Name, Assert.IsType<MemberAdded>(Serializer(new PersonalDataProtector(keys, master)).Deserialize(Stored(data))).DisplayName);
        Assert.Equal((1, 1 + 12 + 16 + PersonalDataProtector.KeySize), ((int)stored[0], stored.Length));   // wrapped: a form byte, nonce, tag, ciphertext
        var otherMaster = Assert.Throws<PersonalDataException>(() => Serializer(new PersonalDataProtector(keys, RandomNumberGenerator.GetBytes(32))).Deserialize(Stored(data)));
        var noMaster = Assert.Throws<PersonalDataException>(() => Serializer(new PersonalDataProtector(keys)).Deserialize(Stored(data)));
        var unprotected = Assert.Throws<PersonalDataException>(() => Serializer(null).Deserialize(Stored(data)));
        var shortKey = Assert.Throws<ArgumentException>(() => new PersonalDataProtector(keys, new byte[16]));

        Assert.Contains("does not open under the configured master key", otherMaster.Message, StringComparison.Ordinal);
        Assert.Contains("none is configured", noMaster.Message, StringComparison.Ordinal);
        Assert.Contains("ProtectPersonalData", unprotected.Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", shortKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_erasing_a_member_their_name_is_nowhere_in_the_sqlite_file_the_archive_or_the_read_models_and_the_site_still_loads()
    {
        using var folder = new TempFolder();
        var path = folder.File("erasure.db");
        var clock = new FakeClock(PaperSites.At);
        var master = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeySize);
        using var app = ReadModelApp.OnFile(path, clock, o => o.DefaultTimeZone = "Africa/Nairobi", b => b.ProtectPersonalData(o => o.MasterKey = master));

        await SeedAsync(app);
        Assert.True(Contains(path, Name), "the site board keeps the name before the erasure");
        await EraseAsync(app);
        await app.Provider.GetRequiredService<SqliteEventStore>().CompactAsync(Token);

        Assert.False(Contains(path, Name), "the name is in the file's bytes");
        Assert.False(Contains(path, "Kamau"), "part of the name is in the file's bytes");
        Assert.False(Contains(path, Note), "the note is in the file's bytes");
        await AssertErasedAsync(app, clock);
    }

    /// <summary>Adds <see cref="Member"/> to Kilifi with a role and an engagement whose note names her; the board shows her name.</summary>
    internal static async Task SeedAsync(ReadModelApp app)
    {
        await app.CreateSiteAsync(PaperSites.Kilifi());
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.AddMember(Member, Name, ctx.Stamp, "Manager K"));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.JoinRole(Member, PaperSites.SubCountyManager, new LocalDate(2019, 1, 2), ctx.Stamp));
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.RecordEngagement(Member, new Engagement(new LocalDate(2019, 1, 10), EngagementKind.ManagerialRequest, Note), ctx.Stamp));
        var before = await app.Board.GetAsync(PaperSites.KilifiId, Token);
        Assert.Equal(Name, before!.Entry.Members.Single(m => m.Member == Member).DisplayName);
    }

    /// <summary>Erases <see cref="Member"/> through <see cref="PersonalDataCommands"/>, twice: the second records nothing.</summary>
    internal static async Task EraseAsync(ReadModelApp app)
    {
        using var scope = app.Provider.CreateScope();
        var erased = await scope.ServiceProvider.GetRequiredService<PersonalDataCommands>()
            .EraseMemberAsync(PaperSites.KilifiId, Member, "the member", "Kenya Data Protection Act 2019, s. 40", cancellationToken: Token);
        Assert.True(await app.Runner.WaitForAsync(erased.Append!.LastPosition, TimeSpan.FromSeconds(30), Token));
        var again = await scope.ServiceProvider.GetRequiredService<PersonalDataCommands>()
            .EraseMemberAsync(PaperSites.KilifiId, Member, "the member", "a repeated request", cancellationToken: Token);
        Assert.Null(again.Append);   // recorded once; the key is gone already
    }

    /// <summary>After the erasure: no name in a new archive, the marker on the board and in the replayed site, no new note.</summary>
    internal static async Task AssertErasedAsync(ReadModelApp app, IClock clock)
    {
        var archive = new MemoryStream();
        await new EventArchive(clock, new EventArchiveOptions { Serializer = app.Provider.GetRequiredService<EventSerializer>() })
            .ExportAsync(app.Provider.GetRequiredService<IEventStore>(), archive, cancellationToken: Token);
        Assert.DoesNotContain("Kamau", Encoding.UTF8.GetString(archive.ToArray()), StringComparison.Ordinal);

        var board = await app.Board.GetAsync(PaperSites.KilifiId, Token);
        var member = board!.Entry.Members.Single(m => m.Member == Member);
        Assert.Equal((PersonalData.ErasedMarker, "Manager K"), (member.DisplayName, member.Pseudonym));
        Assert.Null(member.LastEngagement!.Note);
        var site = await new AggregateRepository<LearningSite>(app.Provider.GetRequiredService<IEventStore>(), app.Provider.GetRequiredService<EventSerializer>())
            .LoadAsync(AggregateRepository<LearningSite>.StreamOf(PaperSites.KilifiId), Token);
        var replayed = site.State.FindMember(Member)!;
        Assert.True(replayed.IsErased);
        Assert.Equal((PersonalData.ErasedMarker, "Manager K", "Manager K"), (replayed.DisplayName, replayed.Pseudonym, replayed.NameForReports));
        Assert.Equal([new LocalDate(2019, 1, 10)], replayed.Engagements.Select(e => e.On));
        Assert.All(replayed.Engagements, e => Assert.Null(e.Note));

        var refused = await Assert.ThrowsAsync<CommandRejectedException>(() => app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.RecordEngagement(Member, new Engagement(new LocalDate(2019, 1, 14), EngagementKind.ManagerialRequest, "a new note"), ctx.Stamp)));
        Assert.Contains("was erased", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_without_protection_configured_is_refused_and_records_nothing()
    {
        using var app = ReadModelApp.Create(sqlite: false, new FakeClock(PaperSites.At), o => o.DefaultTimeZone = "Africa/Nairobi");
        await app.CreateSiteAsync(PaperSites.Kilifi());
        var last = await app.Provider.GetRequiredService<IEventStore>().ReadLastPositionAsync(Token);
        using var scope = app.Provider.CreateScope();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await scope.ServiceProvider.GetRequiredService<PersonalDataCommands>()
            .EraseMemberAsync(PaperSites.KilifiId, PaperSites.KilifiDirector, "the member", "a request", cancellationToken: Token));

        Assert.Contains("ProtectPersonalData()", ex.Message, StringComparison.Ordinal);
        Assert.Equal(last, await app.Provider.GetRequiredService<IEventStore>().ReadLastPositionAsync(Token));
    }

    private static EventSerializer Serializer(PersonalDataProtector? protector) => new(new EventTypeRegistry(), protector);

    private static StoredEvent Stored(EventData data)
        => new(new StreamId("site-bomu"), 2, 7, data.EventName, data.SchemaVersion, data.Payload, data.RecordedAt, data.Actor, null);

    /// <summary>Whether the text's UTF-8 bytes are in the store file, its write-ahead log or its shared memory.</summary>
    private static bool Contains(string path, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return new[] { path, path + "-wal", path + "-shm" }
            .Where(File.Exists)
            .Any(f => ReadShared(f).AsSpan().IndexOf(needle) >= 0);
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
