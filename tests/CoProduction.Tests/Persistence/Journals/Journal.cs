using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CoProduction.Collections;
using CoProduction.Events;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Tests.Persistence.Journals;

// A tiny aggregate of the tests' own (a reflective journal kept at a learning site), so the
// repository, serializer and archive are tested before the real aggregates are merged.

[JsonConverter(typeof(StringIdJsonConverter<JournalId>))]
public readonly record struct JournalId : IStringId<JournalId>
{
    public JournalId(string value) => Value = value;

    public string Value { get; }

    public static JournalId From(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}

public interface IJournalEvent : IDomainEvent;

[EventName("journal.opened")]
public sealed record JournalOpened(JournalId Journal, string Title, SiteId Site, DateTimeZone Zone, Instant At, Actor By) : IJournalEvent;

[EventName("journal.entry-written", SchemaVersion = 2)]
public sealed record EntryWritten(string Text, LocalDate Date, ValueList<string> Tags, Duration? TimeSpent, Instant At, Actor By) : IJournalEvent;

[EventName("journal.closed")]
public sealed record JournalClosed(string? Reason, Instant At, Actor By) : IJournalEvent;

public sealed record JournalEntry(string Text, LocalDate Date, ValueList<string> Tags);

public sealed record JournalState(bool IsOpen, bool IsClosed, string Title, SiteId? Site, ValueList<JournalEntry> Entries)
{
    public static JournalState Initial { get; } = new(false, false, "", null, []);
}

[JsonSerializable(typeof(JournalOpened))]
[JsonSerializable(typeof(EntryWritten))]
[JsonSerializable(typeof(JournalClosed))]
[JsonSerializable(typeof(string))]
public sealed partial class JournalJsonContext : JsonSerializerContext;

/// <summary>Schema 1 of journal.entry-written had no tags.</summary>
public sealed class EntryWrittenV1Upcaster : IEventUpcaster
{
    public string EventName => "journal.entry-written";

    public int FromSchemaVersion => 1;

    public JsonObject Upcast(JsonObject payload)
    {
        payload["tags"] = new JsonArray();
        payload["timeSpent"] = null;
        return payload;
    }
}

public sealed class Journal : AggregateRoot<JournalId, JournalState, IJournalEvent>, IEventSourcedAggregate<Journal>
{
    private Journal(JournalId id)
        : base(id, JournalState.Initial)
    {
    }

    public static string StreamCategory => "journal";

    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    protected override string Description => $"journal '{Id}'";

    public static EventSerializer Serializer { get; } = new(Registry());

    public static EventTypeRegistry Registry() => new EventTypeRegistry().AddContext(JournalJsonContext.Default).AddUpcaster(new EntryWrittenV1Upcaster());

    public static Journal Open(JournalId id, string title, SiteId site, DateTimeZone zone, Instant at, Actor by)
    {
        var journal = new Journal(id);
        journal.Record(new JournalOpened(id, title, site, zone, at, by));
        return journal;
    }

    public static Journal Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var journal = new Journal(new JournalId(stream.Value[(StreamCategory.Length + 1)..]));
        journal.Replay(history);
        return journal;
    }

    public void Write(string text, LocalDate date, ValueList<string> tags, Duration? timeSpent, Instant at, Actor by)
    {
        if (State.IsClosed)
        {
            throw new CommandRejectedException(Description, "Closed", "Write", [], ["the journal is closed"]);
        }

        Record(new EntryWritten(text, date, tags, timeSpent, at, by));
    }

    public void Close(string? reason, Instant at, Actor by)
    {
        if (State.IsClosed)
        {
            throw new CommandRejectedException(Description, "Closed", "Close", [], ["the journal is closed"]);
        }

        Record(new JournalClosed(reason, at, by));
    }

    protected override JournalState Apply(JournalState state, IJournalEvent @event) => @event switch
    {
        JournalOpened e => state with { IsOpen = true, Title = e.Title, Site = e.Site },
        EntryWritten e => state with { Entries = state.Entries.Add(new JournalEntry(e.Text, e.Date, e.Tags)) },
        JournalClosed => state with { IsClosed = true },
        _ => throw new ArgumentOutOfRangeException(nameof(@event)),
    };

    protected override string? CheckReplay(JournalState before, IJournalEvent @event, JournalState after) => @event switch
    {
        JournalOpened when before.IsOpen => "the journal is already open.",
        not JournalOpened when !before.IsOpen => "the journal was never opened.",
        not JournalOpened when before.IsClosed => "the journal is closed.",
        _ => null,
    };
}
