using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
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

public enum JournalStatus
{
    Open,
    Closed,
}

public enum JournalTrigger
{
    Write,
    Close,
}

public sealed class Journal : AggregateRoot<JournalId, JournalState, IJournalEvent>, IEventSourcedAggregate<Journal>
{
    private static readonly AggregateMachine<JournalStatus, JournalTrigger, JournalState> Machine = new(
        static s => s.IsClosed ? JournalStatus.Closed : JournalStatus.Open,
        static m =>
        {
            m.In(JournalStatus.Open).Record(JournalTrigger.Write, "an entry").Permit(JournalTrigger.Close, JournalStatus.Closed);
            m.In(JournalStatus.Closed);
        });

    private Journal(JournalId id)
        : base(id, StreamCategory, JournalState.Initial)
    {
    }

    public static string StreamCategory => "journal";

    protected override string Description => $"journal '{Id}'";

    public static EventSerializer Serializer { get; } = new(Registry());

    public static EventTypeRegistry Registry() => new EventTypeRegistry().AddContext(JournalJsonContext.Default).AddUpcaster(new EntryWrittenV1Upcaster());

    public static Journal Open(JournalId id, string title, SiteId site, DateTimeZone zone, Instant at, Actor by)
    {
        var journal = new Journal(id);
        journal.Create(new Stamp(at, by), new JournalOpened(id, title, site, zone, at, by));
        return journal;
    }

    public static Journal Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Journal, JournalOpened>(stream, history, static e => new Journal(e.Journal));

    public void Write(string text, LocalDate date, ValueList<string> tags, Duration? timeSpent, Instant at, Actor by)
    {
        Decide(Machine, State, JournalTrigger.Write, new Stamp(at, by));
        Record(new EntryWritten(text, date, tags, timeSpent, at, by));
    }

    public void Close(string? reason, Instant at, Actor by)
    {
        Decide(Machine, State, JournalTrigger.Close, new Stamp(at, by));
        Record(new JournalClosed(reason, at, by));
    }

    private protected override JournalState Apply(JournalState state, IJournalEvent @event) => @event switch
    {
        JournalOpened e => state with { IsOpen = true, Title = e.Title, Site = e.Site },
        EntryWritten e => state with { Entries = state.Entries.Add(new JournalEntry(e.Text, e.Date, e.Tags)) },
        JournalClosed => state with { IsClosed = true },
        _ => throw new ArgumentOutOfRangeException(nameof(@event)),
    };

    private protected override string? CheckReplay(JournalState before, IJournalEvent @event, JournalState after)
        => Machine.CheckReplay(before.IsClosed ? JournalStatus.Closed : JournalStatus.Open, @event is JournalClosed ? JournalTrigger.Close : JournalTrigger.Write, after.IsClosed ? JournalStatus.Closed : JournalStatus.Open);
}
