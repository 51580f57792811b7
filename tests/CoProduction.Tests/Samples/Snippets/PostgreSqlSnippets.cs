using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Storage.PostgreSql;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The blocks of docs/postgresql.md, compiled and run against the tests' PostgreSQL server.
public sealed class PostgreSqlSnippets : IDisposable
{
    private readonly PostgreSqlServer server = new();
    private readonly TempFolder folder = new();

    public void Dispose()
    {
        server.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task An_app_keeps_its_events_in_postgresql_from_its_configuration()
    {
        var options = server.Options();
        var schema = options.Schema;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:CoProduction"] = options.ConnectionString });

        #region postgresql-use
        // appsettings.json: { "ConnectionStrings": { "CoProduction": "Host=db.example.org;Database=programme;Username=app;Password=..." } }
        builder.Services.AddCoProduction()
            .UsePostgreSqlStore(o =>
            {
                o.Schema = schema;                               // "coproduction" when not set
                o.CommandTimeout = TimeSpan.FromSeconds(30);     // a statement or a lock wait, then PostgreSqlStoreException (Timeout)
                o.MaxRetries = 3;                                // transient failures tried again, waiting 100 ms, 200 ms, 400 ms
            });
        #endregion

        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var written = await host.Services.GetRequiredService<IEventStore>().AppendAsync(new StreamId("snippet-1"), 0, [StoreTesting.Numbered(1)], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, written.Version);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_sqlite_file_moves_to_postgresql()
    {
        var connectionString = server.Options().ConnectionString;
        var schema = server.NewSchema();
        var sqlitePath = folder.File("kilifi.db");
        var path = folder.File("kilifi.coarchive");
        IClock clock = new FakeClock(ArchiveTesting.Now);
        using (var seeded = new SqliteEventStore(new SqliteEventStoreOptions { Path = sqlitePath }))
        {
            await new EventArchive(clock).ImportAsync(seeded, new MemoryStream(await ArchiveTesting.ExportAsync(new EventArchive(clock), await ArchiveTesting.ProgrammeStoreAsync())));
        }

        #region postgresql-move
        var archive = new EventArchive(clock);
        using var sqlite = new SqliteEventStore(new SqliteEventStoreOptions { Path = sqlitePath });
        using var postgres = new PostgreSqlEventStore(new PostgreSqlStoreOptions { ConnectionString = connectionString, Schema = schema });

        // 1. Export every stream of the file (stop the app first, so nothing is written meanwhile).
        await using (var file = File.Create(path))
        {
            await archive.ExportAsync(sqlite, file);
        }

        // 2. Import: every line verified and every aggregate replayed, then one atomic write; any problem writes nothing.
        await using (var file = File.OpenRead(path))
        {
            var manifest = await archive.ImportAsync(postgres, file);
            Console.WriteLine($"{manifest.EventCount} events in {manifest.Streams.Count} streams moved");
        }
        #endregion

        Assert.Equal((await sqlite.ReadAllAsync(0, 10_000)).Count, (await postgres.ReadAllAsync(0, 10_000)).Count);
    }
}
