using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CoProduction.Persistence;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence.Journals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Persistence;

/// <summary>Export then import gives back any history: every envelope, in order, byte for byte.</summary>
public sealed class ArchiveProperties : IDisposable
{
    private static readonly EventArchive Archive = new(
        new FakeClock(Instant.FromUtc(2018, 12, 31, 17, 0)),
        new EventArchiveOptions { Serializer = Journal.Serializer }.AddAggregate<Journal>());

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Elements("Met the sub-county team", "Ubuntu – ngumuntu", "\"quoted\"\n\ttabbed", "é ç ü ß 中文 🙂", "\\u0000 not an escape"),
        Gen.Choose(0x20, 0x2FFF).Select(c => (char)c).Where(c => !char.IsSurrogate(c)).ArrayOf().Where(cs => cs.Length > 0 && !char.IsWhiteSpace(cs[0])).Select(cs => new string(cs)));

    private static readonly Gen<Actor> Actors = Gen.OneOf(
        Gen.Elements("jane", "mwangi", "thandi").Select(m => Actor.Member(new MemberId(m))),
        Gen.Elements("ethics-office", "import tool").Select(Actor.Named));

    // A journal's commands: an entry (text, tags, time spent) or, now and then, closing it.
    private static readonly Gen<(bool Close, string Text, string[] Tags, int Minutes, Actor By)> Step =
        from close in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from text in Text
        from tags in Gen.Choose(0, 3).SelectMany(n => Gen.Elements("budget", "supervision", "ethics").ArrayOf(n))
        from minutes in Gen.Choose(-1, 600)
        from who in Actors
        select (close, text, tags, minutes, who);

    private static readonly Gen<History> Histories =
        from journals in Gen.Choose(1, 4).SelectMany(n => Step.ArrayOf().Select(s => s.Take(8).ToArray()).ArrayOf(n))
        from schedule in Gen.Choose(0, 1000).ArrayOf().Where(a => a.Length > 0)
        select new History(journals, schedule);

    private readonly TempFolder folder = new();
    private int files;

    public void Dispose() => folder.Dispose();

    [Property(MaxTest = 200)]
    public Property Export_then_import_into_memory_gives_back_the_history_byte_for_byte()
        => Prop.ForAll(Histories.ToArbitrary(), h => RoundTrips(h, new InMemoryEventStore()));

    [Property(MaxTest = 25)]
    public Property Export_then_import_into_sqlite_gives_back_the_history_byte_for_byte()
        => Prop.ForAll(Histories.ToArbitrary(), h =>
        {
            using var target = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File($"a-{Interlocked.Increment(ref files)}.db") });
            return RoundTrips(h, target);
        });

    private static bool RoundTrips(History history, IEventStore target)
    {
        var source = Write(history);
        using var exported = new MemoryStream();
        Archive.ExportAsync(source, exported).GetAwaiter().GetResult();
        Archive.ImportAsync(target, new MemoryStream(exported.ToArray())).GetAwaiter().GetResult();
        using var again = new MemoryStream();
        Archive.ExportAsync(target, again).GetAwaiter().GetResult();
        return exported.ToArray().AsSpan().SequenceEqual(again.ToArray());
    }

    /// <summary>
    /// Builds each journal's history, then appends them interleaved as the schedule says: a chunk of one to three
    /// events at a time, with no command id, a fresh one, or one shared with the next journal's chunk in one atomic write.
    /// </summary>
    private static InMemoryEventStore Write(History history)
    {
        var at = Instant.FromUtc(2016, 3, 1, 8, 0);
        var pending = new List<(StreamId Stream, Queue<EventData> Events, long Version)>();
        for (var j = 0; j < history.Journals.Length; j++)
        {
            var journal = Journal.Open(new JournalId("j" + j), "Journal " + j, new SiteId("kilifi"), DateTimeZoneProviders.Tzdb["Africa/Nairobi"], at, Actor.Named("import tool"));
            foreach (var (close, text, tags, minutes, by) in history.Journals[j])
            {
                at += Duration.FromMinutes(7);
                if (journal.State.IsClosed)
                {
                    break;
                }

                if (close)
                {
                    journal.Close(text, at, by);
                }
                else
                {
                    journal.Write(text, new LocalDate(2016, 3, 1), tags.ToValueList(), minutes < 0 ? null : Duration.FromMinutes(minutes), at, by);
                }
            }

            pending.Add((journal.StreamId, new Queue<EventData>(Journal.Serializer.Serialize(journal.UncommittedEvents)), 0));
        }

        var store = new InMemoryEventStore();
        var choice = 0;
        var commands = 0;
        int Next() => history.Schedule[choice++ % history.Schedule.Length];
        while (pending.Count > 0)
        {
            var pick = Next() % pending.Count;
            var kind = Next() % 3;
            var parts = new List<(int Index, StreamAppend Part)> { (pick, Take(pending, pick, Next())) };
            if (kind == 2 && pending.Count > 1)
            {
                var second = (pick + 1) % pending.Count;
                parts.Add((second, Take(pending, second, Next())));
            }

            CommandId? id = kind == 0 ? null : new CommandId("c" + commands++);
            store.AppendStreamsAsync([.. parts.Select(p => p.Part)], id, CancellationToken.None).GetAwaiter().GetResult();
            pending.RemoveAll(p => p.Events.Count == 0);
        }

        return store;
    }

    private static StreamAppend Take(List<(StreamId Stream, Queue<EventData> Events, long Version)> pending, int index, int size)
    {
        var (stream, events, version) = pending[index];
        var chunk = Enumerable.Range(0, Math.Min(events.Count, 1 + (size % 3))).Select(_ => events.Dequeue()).ToList();
        pending[index] = (stream, events, version + chunk.Count);
        return new StreamAppend(stream, version, chunk);
    }

    public sealed record History((bool Close, string Text, string[] Tags, int Minutes, Actor By)[][] Journals, int[] Schedule)
    {
        public override string ToString() => $"{Journals.Length} journal(s) of {string.Join(", ", Journals.Select(j => j.Length))} step(s), schedule [{string.Join(", ", Schedule.Take(20))}]";
    }
}
