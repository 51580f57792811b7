using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Library;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CoProduction.Benchmarks;

/// <summary>
/// (6) The SQLite store on a temporary file (WAL, <c>synchronous=FULL</c>: every append is durable):
/// one append, a batch of 1,000 in one append (mean per event), and reading a 10,000-event stream.
/// </summary>
[MemoryDiagnoser]
public class SqliteBenchmarks
{
    /// <summary>Events in one batched append.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Events in the stream that is read back.</summary>
    public const int StreamEvents = 10_000;

    private string directory = string.Empty;
    private SqliteEventStore store = null!;
    private EventData[] one = [];
    private EventData[] batch = [];
    private StreamId appendStream;
    private long appendVersion;
    private StreamId readStream;
    private int batchStreams;

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "coproduction-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        store = new SqliteEventStore(new SqliteEventStoreOptions { Path = Path.Combine(directory, "events.db") });

        var action = EventSerializer.Default.Serialize(BenchSite.LongActing(1, 7).History[6]);
        one = [action];
        batch = new EventData[BatchSize];
        Array.Fill(batch, action);

        appendStream = StreamId.For("cycle", new CycleId("append-one"));
        readStream = StreamId.For("cycle", new CycleId("read-10000"));
        for (var v = 0; v < StreamEvents; v += BatchSize)
        {
            store.AppendAsync(readStream, v, batch).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>(6) One event appended in its own durable transaction.</summary>
    [Benchmark]
    public async Task<long> Sqlite_append_one_event()
    {
        var result = await store.AppendAsync(appendStream, appendVersion, one).ConfigureAwait(false);
        appendVersion = result.Version;
        return result.Version;
    }

    /// <summary>(6) A batch of 1,000 events appended to a new stream in one transaction, mean per event.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public async Task<long> Sqlite_append_batch_of_1000_per_event()
    {
        var stream = StreamId.For("cycle", new CycleId("batch-" + (++batchStreams).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return (await store.AppendAsync(stream, 0, batch).ConfigureAwait(false)).Version;
    }

    /// <summary>(6) Reading a 10,000-event stream.</summary>
    [Benchmark]
    public async Task<int> Sqlite_read_10000_event_stream()
        => (await store.ReadStreamAsync(readStream).ConfigureAwait(false)).Count;

    /// <summary>(6) Reading a 10,000-event stream and deserializing every event.</summary>
    [Benchmark]
    public async Task<int> Sqlite_read_and_deserialize_10000_event_stream()
    {
        IReadOnlyList<StoredEvent> stored = await store.ReadStreamAsync(readStream).ConfigureAwait(false);
        return EventSerializer.Default.Deserialize(stored).Count;
    }
}
