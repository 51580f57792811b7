using System;
using CoProduction.DependencyInjection;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.ReadModels;

/// <summary>An app as <c>AddCoProduction</c> builds it, on the in-memory store or on a SQLite file, with a fake clock: what every read model's tests run on.</summary>
public abstract class ReadModelTest : IDisposable
{
    private readonly TempFolder? folder;

    protected ReadModelTest(bool sqlite, Instant start, Action<CoProductionOptions>? configure = null)
    {
        Clock = new FakeClock(start);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        var builder = services.AddCoProduction(o =>
        {
            o.NotificationPollInterval = TimeSpan.FromHours(1);
            configure?.Invoke(o);
        });
        if (sqlite)
        {
            folder = new TempFolder();
            builder.UseSqliteStore(folder.File("read-models.db"));
        }

        Provider = services.BuildServiceProvider(validateScopes: true);
    }

    protected FakeClock Clock { get; }

    protected ServiceProvider Provider { get; }

    public void Dispose()
    {
        Provider.Dispose();
        folder?.Dispose();
        GC.SuppressFinalize(this);
    }
}
