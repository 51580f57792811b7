using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CoProduction;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using NodaTime;

// Usage: dotnet CoProduction.Storage.Sqlite.CrashWriter.dll <database path> <seed> [multi | project <tally version> | app <live|rebuild|write> [<commands>] | workflows [hold]]
// Appends batches of 1 to 8 events to three streams, forever; after each acknowledged append prints
// "ACK <batch id> <stream> <size> END". The parent kills it at a random moment.
// With "multi": each batch is one atomic write to 2 to 4 of six streams, 1 to 3 events in each, under the batch's
// command id, each event naming the whole write; prints "ACK <batch id> <stream>:<size>,<stream>:<size>... END".
// With "workflows": see WorkflowChild.
// With "project": runs the projection runner over the file (catch-up, then the live feed) while appending.
// With "app": runs the app with the library's read models while issuing domain commands (see ProgrammeChild).
// With "deliver" / "deliver-seed": see DeliveringChild.
// Usage: dotnet CoProduction.Storage.Sqlite.CrashWriter.dll <connection string> <instance> postgres-app <schema> <own> <shared> <reminders> <from>:
// one app instance of several on a PostgreSQL database (see PostgreSqlAppChild).
if (args is [_, _, "postgres-app", _, _, _, _, _])
{
    await CoProduction.Storage.Sqlite.CrashWriter.PostgreSqlAppChild.RunAsync(
        args[0],
        int.Parse(args[1], CultureInfo.InvariantCulture),
        args[3],
        int.Parse(args[4], CultureInfo.InvariantCulture),
        int.Parse(args[5], CultureInfo.InvariantCulture),
        int.Parse(args[6], CultureInfo.InvariantCulture),
        long.Parse(args[7], CultureInfo.InvariantCulture));
    return;
}

if (args is [_, _, "deliver" or "deliver-seed", _])
{
    await (args[2] == "deliver"
        ? CoProduction.Storage.Sqlite.CrashWriter.DeliveringChild.RunAsync(args[0], args[3])
        : CoProduction.Storage.Sqlite.CrashWriter.DeliveringChild.SeedAsync(args[0], int.Parse(args[3], CultureInfo.InvariantCulture)));
    return;
}

if (args is [_, _, "workflows"] or [_, _, "workflows", "hold"])
{
    await CoProduction.Storage.Sqlite.CrashWriter.WorkflowChild.RunAsync(args[0], hold: args.Length == 4);
    return;
}

if (args is [_, _, "project", _])
{
    await CoProduction.Storage.Sqlite.CrashWriter.ProjectingChild.RunAsync(args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
    return;
}

if (args is [_, _, "app", _, ..])
{
    await CoProduction.Storage.Sqlite.CrashWriter.ProgrammeChild.RunAsync(
        args[0], int.Parse(args[1], CultureInfo.InvariantCulture), args[3], args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
    return;
}

var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = args[0] });
var random = new Random(int.Parse(args[1], CultureInfo.InvariantCulture));
var versions = new Dictionary<StreamId, long>();
var at = Instant.FromUtc(2016, 3, 1, 8, 0);
var multi = args is [_, _, "multi"];
for (var s = 0; s < (multi ? 6 : 3); s++)
{
    var stream = new StreamId("crash-" + s);
    var events = await store.ReadStreamAsync(stream);
    versions[stream] = events.Count == 0 ? 0 : events[^1].Version;
}

EventData Written(string batch, int size, int index, string? parts = null)
{
    // A part of a multi-stream write names the whole write, so that a partial one would show.
    var whole = parts is null ? string.Empty : "\"parts\":\"" + parts + "\",";
    var payload = $$"""{"batch":"{{batch}}","size":{{size}},"index":{{index}},{{whole}}"filler":"{{new string('x', random.Next(0, 2000))}}"}""";
    return new EventData("crash.written", 1, Encoding.UTF8.GetBytes(payload), at, Actor.Named("crash-writer"));
}

while (multi)
{
    // 2 to 4 distinct streams, each with its expected version and 1 to 3 events, in one transaction under one command id.
    var plan = new List<(StreamId Stream, int Size)>();
    var count = random.Next(2, 5);
    while (plan.Count < count)
    {
        var stream = new StreamId("crash-" + random.Next(6));
        if (!plan.Exists(p => p.Stream == stream))
        {
            plan.Add((stream, random.Next(1, 4)));
        }
    }

    var batch = Guid.NewGuid().ToString("N");
    var parts = string.Join(',', plan.Select(p => p.Stream.Value + ":" + p.Size.ToString(CultureInfo.InvariantCulture)));
    var appends = plan.Select(p => new StreamAppend(p.Stream, versions[p.Stream], [.. Enumerable.Range(0, p.Size).Select(i => Written(batch, p.Size, i, parts))])).ToList();
    var written = await store.AppendStreamsAsync(appends, new CommandId(batch), CommandFingerprint.Of("crash.multi", appends), default);
    foreach (var part in written.Streams)
    {
        versions[part.Stream] = part.Version;
    }

    Console.Out.WriteLine($"ACK {batch} {parts} END");
    Console.Out.Flush();
}

for (var n = 0; ; n++)
{
    var stream = new StreamId("crash-" + random.Next(3));
    var size = random.Next(1, 9);
    var batch = Guid.NewGuid().ToString("N");
    var data = new EventData[size];
    for (var i = 0; i < size; i++)
    {
        data[i] = Written(batch, size, i);
    }

    var result = await store.AppendAsync(stream, versions[stream], data, new CommandId(batch));
    versions[stream] = result.Version;
    Console.Out.WriteLine($"ACK {batch} {stream} {size} END");
    Console.Out.Flush();
}
