using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Privacy;
using CoProduction.ReadModels;
using CoProduction.Storage.PostgreSql;
using CoProduction.Tests.Privacy;
using CoProduction.Tests.ReadModels;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime.Testing;

namespace CoProduction.Tests.PostgreSql;

/// <summary>Erasure on the PostgreSQL store: the key table in the store's schema, and the name gone from every table and its files (issue 17, item 3).</summary>
public sealed class PostgreSqlPersonalDataTests : IDisposable
{
    private readonly PostgreSqlServer server = new();

    private static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task After_erasing_a_member_their_name_is_in_no_row_and_no_file_of_the_store_s_schema_and_the_site_still_loads()
    {
        var options = server.Options();
        var clock = new FakeClock(PaperSites.At);
        var master = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeySize);
        using var app = ReadModelApp.Create(sqlite: false, clock, o => o.DefaultTimeZone = "Africa/Nairobi", b => b
            .UsePostgreSqlStore(o => (o.ConnectionString, o.Schema) = (options.ConnectionString, options.Schema))
            .ProtectPersonalData(o => o.MasterKey = master));

        await PersonalDataTests.SeedAsync(app);
        var keyCount = $"SELECT count(*) FROM \"{options.Schema}\".personal_keys WHERE subject = @subject";
        var subject = ("subject", (object)PersonalData.SubjectOf(PaperSites.KilifiId, PersonalDataTests.Member));
        Assert.Equal(1L, PostgreSqlServer.Scalar(keyCount, subject));
        Assert.Equal(["documents"], RowsNaming(options.Schema, "Kamau"));   // only the read model holds the name in clear
        Assert.True(FilesHold(options.Schema, "Kamau") ?? true, "the read model's file holds the name before the erasure");

        await PersonalDataTests.EraseAsync(app);
        await app.Provider.GetRequiredService<PostgreSqlPersonalDataKeys>().CompactAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0L, PostgreSqlServer.Scalar(keyCount, subject));
        Assert.Empty(RowsNaming(options.Schema, "Kamau"));
        Assert.Empty(RowsNaming(options.Schema, PersonalDataTests.Note));
        Assert.False(FilesHold(options.Schema, "Kamau") ?? false, "a file of the schema's tables holds the name");
        await PersonalDataTests.AssertErasedAsync(app, clock);
    }

    /// <summary>The tables of the schema with a row whose text, or the hex of a bytea column, contains the text.</summary>
    private static List<string> RowsNaming(string schema, string text)
    {
        using var connection = new NpgsqlConnection(PostgreSqlServer.ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = @schema ORDER BY tablename", connection))
        {
            list.Parameters.AddWithValue("schema", schema);
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var naming = new List<string>();
        foreach (var table in tables)
        {
            using var count = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{schema}\".\"{table}\" t WHERE strpos(t::text, @text) > 0 OR strpos(t::text, encode(convert_to(@text, 'UTF8'), 'hex')) > 0",
                connection);
            count.Parameters.AddWithValue("text", text);
            if ((long)count.ExecuteScalar()! > 0)
            {
                naming.Add(table);
            }
        }

        return naming;
    }

    /// <summary>
    /// Whether the data files of the schema's tables, indexes and TOAST tables hold the text's UTF-8 bytes, after a checkpoint
    /// wrote every page; <see langword="null"/> when the server's data directory is not readable here (a remote server), which
    /// under <c>CI=true</c> (the cluster of <c>.ci/run</c>, on this machine) fails the test.
    /// </summary>
    private static bool? FilesHold(string schema, string text)
    {
        string directory;
        var files = new List<string>();
        using (var connection = new NpgsqlConnection(PostgreSqlServer.ConnectionString))
        {
            connection.Open();
            try
            {
                using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
                {
                    checkpoint.ExecuteNonQuery();
                }

                using var where = new NpgsqlCommand("SELECT current_setting('data_directory')", connection);
                directory = (string)where.ExecuteScalar()!;
            }
            catch (PostgresException) when (!UnderCi)
            {
                return null;   // not a superuser: not the tests' own cluster
            }

            using var relations = new NpgsqlCommand(
                """
                SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = @schema
                UNION ALL
                SELECT pg_relation_filepath(c.reltoastrelid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = @schema AND c.reltoastrelid <> 0
                """,
                connection);
            relations.Parameters.AddWithValue("schema", schema);
            using var reader = relations.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    files.Add(Path.Combine(directory, reader.GetString(0)));
                }
            }
        }

        if (!Directory.Exists(directory))
        {
            // .ci/run's cluster is on this machine: its files must be read.
            return UnderCi ? throw new DirectoryNotFoundException($"The server's data directory {directory} is not readable here.") : null;
        }

        var needle = Encoding.UTF8.GetBytes(text);
        return files.SelectMany(f => new[] { f }.Concat(Directory.EnumerateFiles(Path.GetDirectoryName(f)!, Path.GetFileName(f) + ".*")))
            .Where(File.Exists)
            .Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }
}
