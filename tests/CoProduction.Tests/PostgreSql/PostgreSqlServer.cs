using System;
using System.Collections.Concurrent;
using CoProduction.Storage.PostgreSql;
using Npgsql;

namespace CoProduction.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in <c>COPRODUCTION_POSTGRES</c>, which <c>.ci/run</c> sets
/// after starting a throwaway cluster (<c>.ci/postgres.sh</c>). Without it a test fails under <c>CI=true</c> and is skipped
/// elsewhere, saying how to start one. Each test gets schemas of its own, dropped when the test class is disposed.
/// </summary>
internal sealed class PostgreSqlServer : IDisposable
{
    public const string Variable = "COPRODUCTION_POSTGRES";

    private readonly ConcurrentBag<string> schemas = [];

    /// <summary>The server's connection string; fails the test under CI and skips it elsewhere when no server is given.</summary>
    public static string ConnectionString
    {
        get
        {
            var text = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text;
            }

            const string how = Variable + " is not set: start a throwaway server with `export " + Variable + "=$(bash .ci/postgres.sh start /tmp/coproduction-pg)` (needs PostgreSQL's server programs: apt-get install postgresql), or give any server's connection string.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("The PostgreSQL tests must run under CI: " + how);
            }

            Assert.Skip(how);
            return null!;
        }
    }

    /// <summary>A fresh schema's name, dropped with this server object.</summary>
    public string NewSchema()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        schemas.Add(schema);
        return schema;
    }

    /// <summary>Options for a store in a fresh schema.</summary>
    public PostgreSqlStoreOptions Options(string? schema = null, Action<NpgsqlConnectionStringBuilder>? connection = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        connection?.Invoke(builder);
        return new PostgreSqlStoreOptions { ConnectionString = builder.ConnectionString, Schema = schema ?? NewSchema(), RetryDelay = TimeSpan.FromMilliseconds(20) };
    }

    /// <summary>Runs SQL as the test user, outside any store.</summary>
    public static object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar() is var result and not DBNull ? result : null;
    }

    public void Dispose()
    {
        if (schemas.IsEmpty || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var schema in schemas)
        {
            Scalar($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }
}
