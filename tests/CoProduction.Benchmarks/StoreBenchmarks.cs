using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Library;
using CoProduction.Persistence;

namespace CoProduction.Benchmarks;

/// <summary>
/// (10, issue 19) The event store's own work on SQLite and on PostgreSQL in the same run, each through the app's
/// <see cref="IEventStore"/> (<c>AddCoProduction</c> + <c>UseSqliteStore</c> or <c>UsePostgreSqlStore</c>): one event
/// appended, a batch of <see cref="BatchSize"/> appended in one write, and a <see cref="StreamEvents"/>-event stream read
/// back. The PostgreSQL server is the one of <c>COPRODUCTION_POSTGRES</c> (see <see cref="BenchStoreInstance"/>).
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    /// <summary>Events in one batched append.</summary>
    public const int BatchSize = 10;

    /// <summary>Events in the stream that is read back.</summary>
    public const int StreamEvents = 50;

    private BenchStoreInstance instance = null!;
    private IEventStore store = null!;
    private EventData[] one = [];
    private EventData[] batch = [];
    private StreamId appendStream;
    private long appendVersion;
    private StreamId readStream;
    private int batchStreams;

    /// <summary>Gets or sets the store measured.</summary>
    [Params(BenchStore.Sqlite, BenchStore.PostgreSql)]
    public BenchStore Store { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        instance = BenchStoreInstance.Create(Store);
        store = instance.Events;
        var action = EventSerializer.Default.Serialize(BenchSite.LongActing(1, 7).History[6]);
        one = [action];
        batch = [.. System.Linq.Enumerable.Repeat(action, BatchSize)];
        appendStream = StreamId.For("cycle", new CycleId("append-one"));
        appendVersion = 0;
        batchStreams = 0;
        readStream = StreamId.For("cycle", new CycleId("read-50"));
        for (var v = 0; v < StreamEvents; v += BatchSize)
        {
            store.AppendAsync(readStream, v, batch).AsTask().GetAwaiter().GetResult();
        }

        if (Store == BenchStore.PostgreSql)
        {
            var results = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results");
            Directory.CreateDirectory(results);
            File.WriteAllText(Path.Combine(results, "postgresql-settings.txt"), BenchStoreInstance.PostgreSqlSettings() + "\n");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => instance.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One event appended in its own transaction.</summary>
    [Benchmark]
    public async Task<long> Store_append_one_event()
    {
        var result = await store.AppendAsync(appendStream, appendVersion, one).ConfigureAwait(false);
        appendVersion = result.Version;
        return result.Version;
    }

    /// <summary>A batch of 10 events appended to a new stream in one transaction (per append, not per event).</summary>
    [Benchmark]
    public async Task<long> Store_append_batch_of_10()
    {
        var stream = StreamId.For("cycle", new CycleId("batch-" + (++batchStreams).ToString(CultureInfo.InvariantCulture)));
        return (await store.AppendAsync(stream, 0, batch).ConfigureAwait(false)).Version;
    }

    /// <summary>Reading a 50-event stream (the envelopes, not deserialized).</summary>
    [Benchmark]
    public async Task<int> Store_read_50_event_stream()
        => (await store.ReadStreamAsync(readStream).ConfigureAwait(false)).Count;
}
