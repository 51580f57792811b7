using System;
using System.Threading;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;

namespace CoProduction.Tests.Persistence;

public sealed class SqliteEventStoreConformanceTests : EventStoreConformance, IDisposable
{
    private readonly TempFolder folder = new();
    private int files;

    protected override IEventStore CreateStore()
        => new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File($"store-{Interlocked.Increment(ref files)}.db") });

    public void Dispose() => folder.Dispose();
}
