using System;
using System.Collections.Generic;
using CoProduction.DependencyInjection;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Storage.PostgreSql;
using CoProduction.Tests.Extensions;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Projections;

namespace CoProduction.Tests.PostgreSql;

public sealed class PostgreSqlEventStoreConformanceTests : EventStoreConformance, IDisposable
{
    private readonly PostgreSqlServer server = new();

    protected override IEventStore CreateStore() => new PostgreSqlEventStore(server.Options());

    public void Dispose() => server.Dispose();
}

public sealed class PostgreSqlStrictReadingTests : StrictReadingConformance, IDisposable
{
    private readonly PostgreSqlServer server = new();

    protected override IEventStore CreateStore() => new PostgreSqlEventStore(server.Options());

    public void Dispose() => server.Dispose();
}

public sealed class PostgreSqlCheckpointStoreTests : CheckpointStoreConformance
{
    private readonly PostgreSqlServer server = new();
    private PostgreSqlCheckpointStore? store;

    protected override ICheckpointStore Store => store ??= new PostgreSqlCheckpointStore(server.Options());

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            store?.Dispose();
            server.Dispose();
        }

        base.Dispose(disposing);
    }
}

public sealed class PostgreSqlDocumentProjectionConformanceTests : ProjectionConformance, IDisposable
{
    private readonly PostgreSqlServer server = new();
    private readonly Lazy<PostgreSqlStoreOptions> options;

    public PostgreSqlDocumentProjectionConformanceTests() => options = new(() => server.Options());

    public void Dispose() => server.Dispose();

    protected override void UseStore(CoProductionBuilder builder)
        => builder.UsePostgreSqlStore(o =>
        {
            o.ConnectionString = options.Value.ConnectionString;
            o.Schema = options.Value.Schema;
        });

    protected override void AddTally(CoProductionBuilder builder) => builder.AddProjection<DocumentTally>();

    protected override IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services) => DocumentTally.Read(services);
}

public sealed class PostgreSqlLedgerTests : CoProduction.Tests.ReadModels.LedgerConformance, IDisposable
{
    private readonly PostgreSqlServer server = new();
    private readonly Lazy<PostgreSqlStoreOptions> options;

    public PostgreSqlLedgerTests() => options = new(() => server.Options());

    public void Dispose() => server.Dispose();

    protected override void UseStore(CoProductionBuilder builder)
        => builder.UsePostgreSqlStore(o =>
        {
            o.ConnectionString = options.Value.ConnectionString;
            o.Schema = options.Value.Schema;
        });
}
