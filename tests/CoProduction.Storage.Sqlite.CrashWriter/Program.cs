using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CoProduction;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using NodaTime;

// Usage: dotnet CoProduction.Storage.Sqlite.CrashWriter.dll <database path> <seed> [project <tally version> | app <live|rebuild|write> [<commands>]]
// Appends batches of 1 to 8 events to three streams, forever; after each acknowledged append prints
// "ACK <batch id> <stream> <size> END". The parent kills it at a random moment.
// With "project": runs the projection runner over the file (catch-up, then the live feed) while appending.
// With "app": runs the app with the library's read models while issuing domain commands (see ProgrammeChild).
// With "deliver" / "deliver-seed": see DeliveringChild.
if (args is [_, _, "deliver" or "deliver-seed", _])
{
    await (args[2] == "deliver"
        ? CoProduction.Storage.Sqlite.CrashWriter.DeliveringChild.RunAsync(args[0], args[3])
        : CoProduction.Storage.Sqlite.CrashWriter.DeliveringChild.SeedAsync(args[0], int.Parse(args[3], CultureInfo.InvariantCulture)));
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
for (var s = 0; s < 3; s++)
{
    var stream = new StreamId("crash-" + s);
    var events = await store.ReadStreamAsync(stream);
    versions[stream] = events.Count == 0 ? 0 : events[^1].Version;
}

for (var n = 0; ; n++)
{
    var stream = new StreamId("crash-" + random.Next(3));
    var size = random.Next(1, 9);
    var batch = Guid.NewGuid().ToString("N");
    var data = new EventData[size];
    for (var i = 0; i < size; i++)
    {
        var payload = $$"""{"batch":"{{batch}}","size":{{size}},"index":{{i}},"filler":"{{new string('x', random.Next(0, 2000))}}"}""";
        data[i] = new EventData("crash.written", 1, Encoding.UTF8.GetBytes(payload), at, Actor.Named("crash-writer"));
    }

    var result = await store.AppendAsync(stream, versions[stream], data, new CommandId(batch));
    versions[stream] = result.Version;
    Console.Out.WriteLine($"ACK {batch} {stream} {size} END");
    Console.Out.Flush();
}
