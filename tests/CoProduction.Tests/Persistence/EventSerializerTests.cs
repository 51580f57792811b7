using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Sites;
using CoProduction.Tests.Persistence.Journals;
using NodaTime;

namespace CoProduction.Tests.Persistence;

public sealed partial class EventSerializerTests
{
    private static readonly StreamId Stream = new("journal-kilifi");
    private static readonly Instant At = Instant.FromUtc(2016, 3, 1, 8, 0) + Duration.FromNanoseconds(7);
    private static readonly Actor Jane = Actor.Member(new MemberId("jane"));

    private static StoredEvent Stored(string name, int schema, string json, long version = 3)
        => new(Stream, version, 10, name, schema, Encoding.UTF8.GetBytes(json), At, Jane, null);

    [Fact]
    public void An_event_is_written_under_its_wire_name_and_schema_version_and_reads_back_equal()
    {
        var written = new EntryWritten("Met the sub-county team", new LocalDate(2016, 3, 1), ["budget", "supervision"], Duration.FromMinutes(90), At, Jane);
        var data = Journal.Serializer.Serialize(written);

        Assert.Equal(("journal.entry-written", 2, At, Jane), (data.EventName, data.SchemaVersion, data.RecordedAt, data.Actor));
        Assert.Equal(
            """{"text":"Met the sub-county team","date":"2016-03-01","tags":["budget","supervision"],"timeSpent":"1:30:00","at":"2016-03-01T08:00:00.000000007Z","by":"member:jane"}""",
            Encoding.UTF8.GetString(data.Payload.Span));
        Assert.Equal(written, Journal.Serializer.Deserialize(Stored(data.EventName, data.SchemaVersion, Encoding.UTF8.GetString(data.Payload.Span))));
    }

    [Fact]
    public void Time_zones_are_written_as_tzdb_ids_and_read_back_as_the_same_zone()
    {
        var opened = new JournalOpened(new JournalId("kilifi"), "Kilifi journal", new SiteId("kilifi"), DateTimeZoneProviders.Tzdb["Africa/Nairobi"], At, Jane);
        var data = Journal.Serializer.Serialize(opened);
        Assert.Contains("\"zone\":\"Africa/Nairobi\"", Encoding.UTF8.GetString(data.Payload.Span), StringComparison.Ordinal);
        Assert.Equal(opened, Journal.Serializer.Deserialize(Stored("journal.opened", 1, Encoding.UTF8.GetString(data.Payload.Span))));
    }

    [Fact]
    public void Kernel_enums_are_written_by_name_so_reordering_an_enum_never_changes_stored_data()
    {
        var role = MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Senior);
        var json = JsonSerializer.Serialize(role, EventSerializer.Default.Options.GetTypeInfo(typeof(MemberRole)));
        Assert.Equal("""{"kind":"Manager","level":"SubDistrict","seniority":"Senior"}""", json);
    }

    [Fact]
    public void An_older_schema_is_upcast_to_the_current_one()
    {
        var e = Journal.Serializer.Deserialize(Stored(
            "journal.entry-written", 1, """{"text":"old","date":"2014-05-02","at":"2016-03-01T08:00:00Z","by":"named:import"}"""));
        Assert.Equal(new EntryWritten("old", new LocalDate(2014, 5, 2), [], null, Instant.FromUtc(2016, 3, 1, 8, 0), Actor.Named("import")), e);
    }

    [Fact]
    public void An_older_schema_without_an_upcaster_fails_naming_the_missing_step()
    {
        var serializer = new EventSerializer(new EventTypeRegistry().AddContext(JournalJsonContext.Default));
        var ex = Assert.Throws<UnknownEventTypeException>(() => serializer.Deserialize(Stored("journal.entry-written", 1, "{}")));
        Assert.Equal(2, ex.KnownSchemaVersion);
        Assert.Contains("no upcaster lifts schema 1 to 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_wire_name_fails_naming_the_stream_the_version_and_the_name()
    {
        var ex = Assert.Throws<UnknownEventTypeException>(() => Journal.Serializer.Deserialize(Stored("journal.burned", 1, "{}", version: 5)));
        Assert.Equal((Stream, 5L, "journal.burned", 1, (int?)null), (ex.Stream, ex.Version, ex.EventName, ex.SchemaVersion, ex.KnownSchemaVersion));
        Assert.Contains("event 5 of stream 'journal-kilifi' ('journal.burned'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_newer_than_the_code_fails_instead_of_being_half_read()
    {
        var ex = Assert.Throws<UnknownEventTypeException>(() => Journal.Serializer.Deserialize(Stored("journal.closed", 2, """{"reason":null,"at":"2016-03-01T08:00:00Z","by":"named:x"}""")));
        Assert.Equal((2, (int?)1), (ex.SchemaVersion, ex.KnownSchemaVersion));
        Assert.Contains("newer code", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"reason":null,"at":"2016-03-01T08:00:00Z","by":"named:x" """)]
    [InlineData("""{"reason":null,"at":"not an instant","by":"named:x"}""")]
    [InlineData("""{"reason":null,"at":"2016-03-01T08:00:00Z","by":42}""")]
    [InlineData("""{"reason":null,"at":"2016-03-01T08:00:00Z","by":"nobody"}""")]
    [InlineData("""{"reason":null,"by":"named:x"}""")]
    [InlineData("""{"reason":null,"at":"2016-03-01T08:00:00Z","by":"named:x","extra":1}""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void A_corrupt_payload_fails_with_a_typed_error(string json)
    {
        var ex = Assert.Throws<CorruptEventPayloadException>(() => Journal.Serializer.Deserialize(Stored("journal.closed", 1, json)));
        Assert.Equal((Stream, 3L, "journal.closed"), (ex.Stream, ex.Version, ex.EventName));
    }

    [Fact]
    public void A_null_where_the_type_forbids_it_is_a_corrupt_payload()
        => Assert.Throws<CorruptEventPayloadException>(() => Journal.Serializer.Deserialize(Stored(
            "journal.entry-written", 2, """{"text":null,"date":"2016-03-01","tags":[],"timeSpent":null,"at":"2016-03-01T08:00:00Z","by":"named:x"}""")));

    [Fact]
    public void Serializing_an_unregistered_event_type_is_refused_with_how_to_register_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => EventSerializer.Default.Serialize(new JournalClosed(null, At, Jane)));
        Assert.Contains("[JsonSerializable]", ex.Message, StringComparison.Ordinal);
    }

    [EventName("journal.opened")]
    public sealed record Impostor(Instant At, Actor By) : IDomainEvent;

    public sealed record Nameless(Instant At, Actor By) : IDomainEvent;

    [EventName("test.unlisted")]
    public sealed record Unlisted(Instant At, Actor By) : IDomainEvent;

    [JsonSerializable(typeof(Impostor))]
    internal sealed partial class ImpostorContext : JsonSerializerContext;

    [JsonSerializable(typeof(Nameless))]
    internal sealed partial class NamelessContext : JsonSerializerContext;

    [Fact]
    public void Two_types_cannot_share_a_wire_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => Journal.Registry().AddContext(ImpostorContext.Default));
        Assert.Contains("'journal.opened'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_without_a_wire_name_cannot_be_registered()
        => Assert.Throws<ArgumentException>(() => new EventTypeRegistry().AddContext(NamelessContext.Default));

    [Fact]
    public void A_registered_type_that_no_context_knows_fails_when_the_serializer_is_built()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EventSerializer(new EventTypeRegistry().Register(typeof(Unlisted))));
        Assert.Contains("[JsonSerializable(typeof(Unlisted))]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_registers_exactly_the_named_events_it_lists()
    {
        var names = Journal.Serializer.Types.Select(t => t.Name).Where(n => n.StartsWith("journal.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["journal.closed", "journal.entry-written", "journal.opened"], names);
    }

    [Fact]
    public void Every_named_event_of_the_library_is_registered_in_its_json_context()
    {
        // When this fails: add [JsonSerializable(typeof(TheEvent))] to src/CoProduction/Persistence/CoProductionJsonContext.cs.
        var events = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();
        var unnamed = events.Where(t => t.GetCustomAttribute<EventNameAttribute>() is null).Select(t => t.FullName);
        var registered = EventSerializer.Default.Types.Select(t => t.ClrType).ToHashSet();
        var missing = events.Where(t => !registered.Contains(t)).Select(t => t.FullName);

        Assert.Empty(unnamed);
        Assert.Empty(missing);
        Assert.Equal(events.Count, registered.Count);
    }

    [Fact]
    public void Wire_names_are_lower_case_dotted_and_unique_across_the_library_and_the_tests()
    {
        var names = EventSerializer.Default.Types.Concat(Journal.Serializer.Types).Select(t => t.Name).Distinct().ToList();
        Assert.All(names, n => Assert.Matches("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$", n));
        Assert.Equal(names.Count, EventSerializer.Default.Types.Concat(Journal.Serializer.Types).Select(t => t.ClrType).Distinct().Count());
    }

    [Fact]
    public void Value_lists_inside_events_read_back_equal()
    {
        ValueList<string> tags = ["a", "b", "ç"];
        var e = new EntryWritten("x", new LocalDate(2016, 1, 1), tags, null, At, Jane);
        var data = Journal.Serializer.Serialize(e);
        var back = (EntryWritten)Journal.Serializer.Deserialize(Stored(data.EventName, 2, Encoding.UTF8.GetString(data.Payload.Span)));
        Assert.Equal(tags, back.Tags);
    }
}
