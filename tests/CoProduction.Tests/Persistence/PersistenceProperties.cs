using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence.Journals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Persistence.StoreTesting;

namespace CoProduction.Tests.Persistence;

public sealed class PersistenceProperties : IDisposable
{
    private static readonly DateTimeZone[] Zones = [.. new[] { "Africa/Nairobi", "Africa/Johannesburg", "Europe/London", "America/St_Johns" }.Select(id => DateTimeZoneProviders.Tzdb[id])];
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Elements("", "Met the sub-county team", "Ubuntu – ngumuntu", "\"quoted\"\n\ttabbed", "é ç ü ß 中文 🙂", "\\u0000 not an escape"),
        Gen.Choose(0, 0x2FFF).Select(c => (char)c).Where(c => !char.IsSurrogate(c)).ArrayOf().Select(cs => new string(cs)));
    private static readonly Gen<Instant> Instants = Gen.Choose(-100_000, 100_000).SelectMany(
        days => Gen.Choose(0, int.MaxValue).Select(ns => Instant.FromUtc(2016, 3, 1, 0, 0) + Duration.FromDays(days) + Duration.FromNanoseconds(ns)));
    private static readonly Gen<LocalDate> Dates = Gen.Choose(-200_000, 200_000).Select(d => new LocalDate(2016, 3, 1).PlusDays(d));
    private static readonly Gen<Actor> Actors = Gen.OneOf(
        Gen.Elements("jane", "mwangi", "thandi", "x-1").Select(m => Actor.Member(new MemberId(m))),
        Gen.Elements("ethics-office", "import tool").Select(Actor.Named),
        Gen.Constant(Actor.System));

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static readonly Gen<Action<Journal>> Commands =
        from kind in Gen.Choose(0, 9)
        from text in Text
        from date in Dates
        from tags in Gen.Choose(0, 4).SelectMany(n => Gen.Elements("budget", "supervision", "ethics", "é").ArrayOf(n))
        from minutes in Gen.Choose(-1, 10_000)
        from at in Instants
        from who in Actors
        select (Action<Journal>)(j =>
        {
            if (kind == 0)
            {
                j.Close(text.Length % 2 == 0 ? null : text, at, who);
            }
            else
            {
                j.Write(text, date, tags.ToValueList(), minutes < 0 ? null : Duration.FromMinutes(minutes), at, who);
            }
        });

    [Property(MaxTest = 1000)]
    public Property Every_event_survives_a_json_round_trip_and_the_rebuilt_state_equals_the_live_one()
    {
        var gen = from title in Text
                  from zone in Gen.Elements(Zones)
                  from at in Instants
                  from who in Actors
                  from commands in Gen.Choose(0, 12).SelectMany(n => Commands.ArrayOf(n))
                  select (title, zone, at, who, commands);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var live = Journal.Open(new JournalId("j"), t.title, new SiteId("kilifi"), t.zone, t.at, t.who);
            foreach (var command in t.commands)
            {
                try
                {
                    command(live);
                }
                catch (CommandRejectedException)
                {
                    // A closed journal refuses more; the history is still a valid one.
                }
            }

            var stored = live.History.Select((e, i) =>
            {
                var data = Journal.Serializer.Serialize(e);
                return new StoredEvent(live.StreamId, i + 1, i + 1, data.EventName, data.SchemaVersion, data.Payload.ToArray(), data.RecordedAt, data.Actor, null);
            }).ToList();
            var read = Journal.Serializer.Deserialize(stored);
            var rebuilt = Journal.Rehydrate(live.StreamId, read);
            return read.SequenceEqual(live.History) && rebuilt.State == live.State && rebuilt.Version == live.Version;
        });
    }

    [Property(MaxTest = 1000)]
    public Property The_kernel_values_events_carry_survive_a_json_round_trip()
    {
        var options = EventSerializer.Default.Options;
        var gen = from title in Text
                  from method in Gen.Elements(DataCollectionMethod.Journaling, DataCollectionMethod.Interview, DataCollectionMethod.Named("photovoice"))
                  from respondents in Gen.Elements("facility-managers", "health-workers", "community").Select(RespondentGroup.Named)
                  from site in Gen.Elements("kilifi", "mitchells-plain", "sedibeng")
                  from date in Dates
                  from role in Gen.OneOf(
                      Gen.Elements(Enum.GetValues<RoleKind>().Where(k => k != RoleKind.Manager).ToArray()).Select(k => new MemberRole(k)),
                      from level in Gen.Elements(Enum.GetValues<ManagementLevel>().Where(l => l != ManagementLevel.None).ToArray())
                      from seniority in Gen.Elements(Enum.GetValues<Seniority>())
                      select MemberRole.Manager(level, seniority))
                  from actor in Actors
                  select (new ResearchActivity(title, method, respondents, new SiteId(site), date), role, actor);
        return Prop.ForAll(gen.ToArbitrary(), t =>
            RoundTrip(t.Item1, options) == t.Item1 && RoundTrip(t.Item2, options) == t.Item2 && RoundTrip(t.actor, options) == t.actor);
    }

    private static T RoundTrip<T>(T value, JsonSerializerOptions options)
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, info), info)!;
    }

    // An append: which stream (0..3), how many events (1..4), and whether it is a retry of the previous command.
    private static readonly Gen<(int Stream, int Size, bool Retry)[]> Appends =
        (from stream in Gen.Choose(0, 3) from size in Gen.Choose(1, 4) from retry in Gen.Elements(false, false, false, true) select (stream, size, retry)).ArrayOf();

    private static bool NothingLostOrReordered(IEventStore store, (int Stream, int Size, bool Retry)[] appends)
    {
        var expected = new List<int>();
        var n = 0;
        CommandId? last = null;
        StreamId lastStream = default;
        foreach (var (s, size, retry) in appends)
        {
            var stream = new StreamId("s-" + s);
            if (retry && last is { } again)
            {
                var duplicate = store.AppendAsync(lastStream, 0, [Numbered(-1)], again).AsTask().GetAwaiter().GetResult();
                if (!duplicate.WasDuplicate)
                {
                    return false;
                }

                continue;
            }

            var version = store.ReadStreamAsync(stream).AsTask().GetAwaiter().GetResult().Count;
            var batch = Enumerable.Range(n, size).ToList();
            last = new CommandId("c" + n);
            lastStream = stream;
            store.AppendAsync(stream, version, [.. batch.Select(Numbered)], last).AsTask().GetAwaiter().GetResult();
            expected.AddRange(batch);
            n += size;
        }

        var all = store.ReadAllAsync(0, int.MaxValue).AsTask().GetAwaiter().GetResult();
        var perStreamOk = all.GroupBy(e => e.Stream).All(g =>
            store.ReadStreamAsync(g.Key).AsTask().GetAwaiter().GetResult().Select(NumberOf).SequenceEqual(g.Select(NumberOf))
            && g.Select(e => e.Version).SequenceEqual(Enumerable.Range(1, g.Count()).Select(v => (long)v)));
        return all.Select(NumberOf).SequenceEqual(expected) && perStreamOk
            && all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position);
    }

    // A schedule of steps by three writers on one stream: each either (re)reads the version or appends at the version it last read.
    private static readonly Gen<(int Writer, bool Write)[]> Schedules =
        (from writer in Gen.Choose(0, 2) from write in Gen.Elements(true, false) select (writer, write)).ArrayOf();

    private static bool StaleWritersAlwaysFail(IEventStore store, (int Writer, bool Write)[] schedule)
    {
        var stream = new StreamId("contended");
        var seen = new long[3];
        long actual = 0;
        foreach (var (writer, write) in schedule)
        {
            if (!write)
            {
                seen[writer] = store.ReadStreamAsync(stream).AsTask().GetAwaiter().GetResult().Count;
                continue;
            }

            try
            {
                var result = store.AppendAsync(stream, seen[writer], [Numbered(writer)]).AsTask().GetAwaiter().GetResult();
                if (seen[writer] != actual)
                {
                    return false; // a stale writer succeeded
                }

                actual = seen[writer] = result.Version;
            }
            catch (ConcurrencyException ex)
            {
                if (seen[writer] == actual || ex.ExpectedVersion != seen[writer] || ex.ActualVersion != actual)
                {
                    return false;
                }
            }
        }

        return store.ReadStreamAsync(stream).AsTask().GetAwaiter().GetResult().Count == actual;
    }

    [Property(MaxTest = 1000)]
    public Property Appended_events_are_never_lost_or_reordered_in_memory()
        => Prop.ForAll(Appends.ToArbitrary(), appends => NothingLostOrReordered(new InMemoryEventStore(), appends));

    [Property(MaxTest = 1000)]
    public Property A_stale_writer_always_fails_in_memory()
        => Prop.ForAll(Schedules.ToArbitrary(), schedule => StaleWritersAlwaysFail(new InMemoryEventStore(), schedule));

    // SQLite: fewer cases, each on a fresh file with synchronous commits (about 30 ms a case on 2 cores).
    private int files;

    private SqliteEventStore NewSqliteStore()
        => new(new SqliteEventStoreOptions { Path = folder.File($"p-{Interlocked.Increment(ref files)}.db") });

    [Property(MaxTest = 40)]
    public Property Appended_events_are_never_lost_or_reordered_in_sqlite()
        => Prop.ForAll(Appends.ToArbitrary(), appends => NothingLostOrReordered(NewSqliteStore(), appends));

    [Property(MaxTest = 40)]
    public Property A_stale_writer_always_fails_in_sqlite()
        => Prop.ForAll(Schedules.ToArbitrary(), schedule => StaleWritersAlwaysFail(NewSqliteStore(), schedule));
}
