using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using NodaTime;

namespace CoProduction.Tests.Persistence;

/// <summary>Replay is as strict as commands, in every store: a stored payload holding what a command would refuse fails to load with a typed error naming the field, and the store is unchanged.</summary>
public abstract class StrictReadingConformance
{
    private static readonly StreamId Stream = new("site-kilifi");

    /// <summary>Creates an empty store.</summary>
    protected abstract IEventStore CreateStore();

    private static string Valid()
    {
        var e = new SiteRegistered(
            new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, SiteLevel.County, "Africa/Nairobi", ["KWTRP"], 2009,
            Instant.FromUtc(2016, 3, 1, 8, 0), Actor.Named("resyst-coordinator"));
        return Encoding.UTF8.GetString(EventSerializer.Default.Serialize(e).Payload.Span);
    }

    [Fact]
    public void The_valid_payload_the_cases_mutate_has_the_fields_they_replace()
    {
        var json = Valid();
        Assert.Contains("\"level\":\"County\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Kilifi County\"", json, StringComparison.Ordinal);
        Assert.Contains("\"timeZoneId\":\"Africa/Nairobi\"", json, StringComparison.Ordinal);
        Assert.Contains("\"site\":\"kilifi\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"level\":\"County\"", "\"level\":2", "SiteLevel")]
    [InlineData("\"level\":\"County\"", "\"level\":\"2\"", "SiteLevel")]
    [InlineData("\"level\":\"County\"", "\"level\":\"7\"", "SiteLevel")]
    [InlineData("\"level\":\"County\"", "\"level\":\"county\"", "SiteLevel")]
    [InlineData("\"level\":\"County\"", "\"level\":\"County, District\"", "SiteLevel")]
    [InlineData("\"level\":\"County\"", "\"level\":\"Galaxy\"", "SiteLevel")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\"Kilifi County\",\"name\":\"Mombasa\"", "name")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\"   \"", "$.name")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\" Kilifi County\"", "$.name")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\"Kilifi\\u0000County\"", "$.name")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\"Kilifi \\u202Eytnuoc\"", "$.name")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\"Kilifi\\u200BCounty\"", "$.name")]
    [InlineData("\"timeZoneId\":\"Africa/Nairobi\"", "\"timeZoneId\":\"Mars/Olympus_Mons\"", "$.timeZoneId")]
    [InlineData("\"name\":\"Kilifi County\"", "\"name\":\"Kilifi \\uD800County\"", "$.name")]
    [InlineData("\"site\":\"kilifi\"", "\"site\":\"kil\\uDC00ifi\"", "$.site")]
    [InlineData("\"site\":\"kilifi\"", "\"site\":\"kil\\u001bifi\"", "SiteId")]
    [InlineData("\"site\":\"kilifi\"", "\"site\":\" kilifi\"", "SiteId")]
    [InlineData("\"partnerInstitutions\":[\"KWTRP\"]", "\"partnerInstitutions\":[\"KWTRP\",\"KWTRP\"]", "$.partnerInstitutions")]
    public async Task A_stored_payload_a_command_would_refuse_fails_to_load_with_a_typed_error_and_the_store_is_unchanged(string valid, string bad, string named)
    {
        var store = CreateStore();
        var json = Valid();
        Assert.Contains(valid, json, StringComparison.Ordinal);
        var payload = Encoding.UTF8.GetBytes(json.Replace(valid, bad, StringComparison.Ordinal));
        await store.AppendAsync(Stream, 0, [new EventData("site.registered", 1, payload, Instant.FromUtc(2016, 3, 1, 8, 0), Actor.Named("import"))]);
        var repository = new AggregateRepository<LearningSite>(store, EventSerializer.Default);

        var ex = await Assert.ThrowsAsync<CorruptEventPayloadException>(async () => await repository.LoadAsync(Stream, TestContext.Current.CancellationToken));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        var stored = await store.ReadStreamAsync(Stream);
        Assert.Equal(payload, stored.Single().Payload.ToArray());
    }

    [Fact]
    public async Task The_valid_payload_loads()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, 0, [new EventData("site.registered", 1, Encoding.UTF8.GetBytes(Valid()), Instant.FromUtc(2016, 3, 1, 8, 0), Actor.Named("import"))]);
        var site = await new AggregateRepository<LearningSite>(store, EventSerializer.Default).LoadAsync(Stream, TestContext.Current.CancellationToken);
        Assert.Equal("Kilifi County", site.State.Name);
    }
}

public sealed class InMemoryStrictReadingTests : StrictReadingConformance
{
    protected override IEventStore CreateStore() => new InMemoryEventStore();
}

public sealed class SqliteStrictReadingTests : StrictReadingConformance, IDisposable
{
    private readonly TempFolder folder = new();
    private int files;

    protected override IEventStore CreateStore()
        => new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File($"strict-{Interlocked.Increment(ref files)}.db") });

    public void Dispose() => folder.Dispose();
}
