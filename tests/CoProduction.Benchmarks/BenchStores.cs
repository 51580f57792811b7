using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using CoProduction.Benchmarks.Scale;
using CoProduction.Persistence;
using CoProduction.Storage.PostgreSql;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoProduction.Benchmarks;

/// <summary>The store a store benchmark runs on.</summary>
public enum BenchStore
{
    /// <summary>A temporary SQLite file through <c>UseSqliteStore</c> (WAL, events committed with <c>synchronous=FULL</c>).</summary>
    Sqlite,

    /// <summary>A fresh schema on the server of <c>COPRODUCTION_POSTGRES</c> through <c>UsePostgreSqlStore</c>.</summary>
    PostgreSql,
}

/// <summary>
/// One store of the store benchmarks, fresh for each benchmark case: a SQLite file in a temporary folder or a schema of its
/// own on the PostgreSQL server, and the app over it built as the scale benchmark builds one (<c>AddCoProduction</c> + the
/// store's <c>Use…Store</c>). Disposing it deletes the file or drops the schema.
/// </summary>
internal sealed class BenchStoreInstance : IAsyncDisposable
{
    /// <summary>The variable that holds the PostgreSQL server's connection string.</summary>
    public const string Variable = "COPRODUCTION_POSTGRES";

    private readonly string? directory;
    private readonly string? schema;

    private BenchStoreInstance(BenchStore kind, string? directory, string? schema)
    {
        Kind = kind;
        this.directory = directory;
        this.schema = schema;
        App = NewApp();
    }

    /// <summary>Gets which store this is.</summary>
    public BenchStore Kind { get; }

    /// <summary>Gets the app over the store (replaced by <see cref="RestartAsync"/>).</summary>
    public ServiceProvider App { get; private set; }

    /// <summary>Gets the app's event store.</summary>
    public IEventStore Events => App.GetRequiredService<IEventStore>();

    /// <summary>The PostgreSQL server's connection string, or a clear failure saying how to start a server.</summary>
    public static string PostgreSqlConnectionString
        => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException(
                Variable + " is not set, so the PostgreSQL half of the store benchmarks cannot run: start a throwaway server with `export " + Variable
                + "=$(bash .ci/postgres.sh start /tmp/coproduction-pg)` (needs PostgreSQL's server programs: apt-get install postgresql), or give any server's connection string; stop it afterwards with `bash .ci/postgres.sh stop /tmp/coproduction-pg`.");

    /// <summary>Creates a fresh store of this kind and the app over it.</summary>
    public static BenchStoreInstance Create(BenchStore kind)
    {
        if (kind == BenchStore.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "coproduction-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new BenchStoreInstance(kind, directory, null);
        }

        _ = PostgreSqlConnectionString;
        return new BenchStoreInstance(kind, null, "bench_" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Disposes the app and builds a new one over the same store (a fresh process's view: no cache, new pools).</summary>
    public async Task RestartAsync()
    {
        await App.DisposeAsync().ConfigureAwait(false);
        ClearPools();
        App = NewApp();
    }

    /// <summary>Deletes every projection checkpoint, so the next catch-up rebuilds every model from the first event.</summary>
    public void ForgetCheckpoints()
    {
        if (Kind == BenchStore.Sqlite)
        {
            using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            connection.Open();
            using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM projections";
            forget.ExecuteNonQuery();
            return;
        }

        Execute($"DELETE FROM {schema}.projections");
    }

    /// <summary>The PostgreSQL server's version and the settings that matter to these figures, one per line.</summary>
    public static string PostgreSqlSettings()
    {
        using var connection = new NpgsqlConnection(PostgreSqlConnectionString);
        connection.Open();
        var lines = new System.Collections.Generic.List<string>();
        using (var version = new NpgsqlCommand("SELECT version()", connection))
        {
            lines.Add("version: " + version.ExecuteScalar());
        }

        foreach (var name in new[] { "shared_buffers", "work_mem", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "max_connections", "listen_addresses" })
        {
            using var show = new NpgsqlCommand("SHOW " + name, connection);
            lines.Add(name + ": " + show.ExecuteScalar());
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"connection: {builder.Host}:{builder.Port} (TCP, scram-sha-256), Npgsql pool"));
        return string.Join('\n', lines);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync().ConfigureAwait(false);
        ClearPools();
        if (directory is not null)
        {
            Directory.Delete(directory, recursive: true);
        }
        else
        {
            Execute($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    private string SqlitePath => Path.Combine(directory!, "events.db");

    private ServiceProvider NewApp() => Kind == BenchStore.Sqlite
        ? ScaleBenchmark.App(builder => builder.UseSqliteStore(SqlitePath))
        : ScaleBenchmark.App(builder => builder.UsePostgreSqlStore(o =>
        {
            o.ConnectionString = PostgreSqlConnectionString;
            o.Schema = schema!;
        }));

    private void ClearPools()
    {
        if (Kind == BenchStore.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(PostgreSqlConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
