using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// The one way every part of this package reaches the database: one Npgsql data source (its connection pool), the schema
/// proven ours and current on the first call (<see cref="PostgreSqlSchema"/>), each call run under the bounded retry policy,
/// and the database's failures turned into <see cref="PostgreSqlStoreException"/> in one place (<see cref="FailureOf"/>).
/// </summary>
internal sealed partial class PostgreSqlDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>The channel every store's commit notifies (its payload is the schema): what wakes the other instances.</summary>
    internal const string Channel = "coproduction_feed";

    private readonly NpgsqlDataSource source;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private readonly int maxRetries;
    private readonly TimeSpan retryDelay;
    private volatile bool schemaReady;

    /// <summary>Checks the options and creates the data source; opens nothing.</summary>
    /// <param name="options">The connection string, schema, timeout and retries.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range (the message names it).</exception>
    public PostgreSqlDatabase(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = ConnectionFor(options);
        Schema = options.Schema;
        maxRetries = options.MaxRetries;
        retryDelay = options.RetryDelay;
        DataSource = string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}, schema {Schema}");
        ConnectionString = builder.ConnectionString;
        source = NpgsqlDataSource.Create(builder);
        FeedLock = KeyOf("feed");
        SchemaLock = KeyOf("schema");
    }

    /// <summary>Gets the server, database and schema, for messages (never the password).</summary>
    public string DataSource { get; }

    /// <summary>Gets the schema that holds the tables.</summary>
    public string Schema { get; }

    /// <summary>Gets the connection string the data source uses (with the command timeout applied), for the feed's listener.</summary>
    internal string ConnectionString { get; }

    /// <summary>Gets the advisory lock that orders commits: taken by each write before it takes its positions, held to its commit.</summary>
    public long FeedLock { get; }

    /// <summary>Gets the advisory lock held while the schema is created or migrated.</summary>
    public long SchemaLock { get; }

    /// <summary>The options' errors, one sentence each, or an empty list: what <c>UsePostgreSqlStore</c> validates at start.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems found.</returns>
    internal static System.Collections.Generic.List<string> Problems(PostgreSqlStoreOptions options)
    {
        var problems = new System.Collections.Generic.List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("PostgreSqlStoreOptions.ConnectionString is missing: give the store a connection string (ConnectionStrings:CoProduction in configuration), for example Host=localhost;Database=coproduction;Username=app;Password=...");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    problems.Add("The PostgreSQL connection string names no Host: give the server's host name or address.");
                }
            }
            catch (ArgumentException ex)
            {
                problems.Add($"The PostgreSQL connection string cannot be read: {ex.Message}");
            }
        }

        if (options.Schema is null || !SchemaName().IsMatch(options.Schema))
        {
            problems.Add($"PostgreSqlStoreOptions.Schema '{options.Schema}' is not a plain schema name: use 1 to 63 lower-case letters, digits and underscores, starting with a letter or an underscore (for example '{PostgreSqlStoreOptions.DefaultSchema}').");
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > TimeSpan.FromDays(1))
        {
            problems.Add($"PostgreSqlStoreOptions.CommandTimeout is {options.CommandTimeout}: give a positive wait of at most a day.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"PostgreSqlStoreOptions.MaxRetries is {options.MaxRetries}: give 0 (never retry) to 10."));
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"PostgreSqlStoreOptions.RetryDelay is {options.RetryDelay}: give a wait from zero to a minute.");
        }

        return problems;
    }

    /// <summary>The connection settings: the options' connection string with the command timeout applied.</summary>
    private static NpgsqlConnectionStringBuilder ConnectionFor(PostgreSqlStoreOptions options)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        return new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        };
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();

    /// <summary>A table of the store, qualified by its schema.</summary>
    /// <param name="name">The table's name.</param>
    /// <returns><c>"schema".name</c>.</returns>
    public string Table(string name) => "\"" + Schema + "\"." + name;

    /// <summary>An advisory lock key of this schema: the first 8 bytes of a SHA-256 of the purpose and the schema.</summary>
    /// <param name="purpose">What the lock guards, for example <c>projection:app.cycle-cards</c>.</param>
    /// <returns>The key for <c>pg_advisory_xact_lock</c>.</returns>
    public long KeyOf(string purpose)
        => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("coproduction." + purpose + ":" + Schema)), 0);

    /// <summary>
    /// Runs one call on a pooled connection, the schema proven ours first: tried again after a transient failure (up to
    /// the options' retries, waiting longer each time), a failure of the database thrown as <see cref="PostgreSqlStoreException"/>.
    /// </summary>
    /// <typeparam name="T">What the call returns.</typeparam>
    /// <param name="attempted">What is being done, for messages: <c>append to stream 'x'</c>.</param>
    /// <param name="work">The call; it may run more than once, each time on a fresh transaction of its own.</param>
    /// <param name="cancellationToken">Cancels the call and the waits between tries.</param>
    /// <param name="retryAlso">Another failure to try again (a write that lost a race on a unique key), or <see langword="null"/>.</param>
    /// <returns>What the call returned.</returns>
    public async Task<T> RunAsync<T>(string attempted, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken, Func<Exception, bool>? retryAlso = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && (IsTransient(ex) || (retryAlso?.Invoke(ex) ?? false)) && attempt < maxRetries)
            {
                await Task.Delay(retryDelay * Math.Pow(2, attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && FailureOf(ex) is { } reason)
            {
                throw Failed(attempted, reason, ex);
            }
        }
    }

    /// <summary>Opens a connection of its own, outside the pool's retries (the feed's listener), the schema proven ours first.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open connection.</returns>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task EnsureSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (schemaReady)
        {
            return;
        }

        await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!schemaReady)
            {
                await PostgreSqlSchema.EnsureAsync(connection, this, cancellationToken).ConfigureAwait(false);
                schemaReady = true;
            }
        }
        finally
        {
            schemaGate.Release();
        }
    }

    /// <summary>Whether a failure may pass if the call is tried again: a broken or refused connection, a server restarting, a deadlock, a serialization failure, too many connections.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns><see langword="true"/> when a retry may succeed.</returns>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState is "40001" or "40P01" or "53300" or "57P01" or "57P02" or "57P03" || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => !IsTimeout(n) && n.InnerException is not PostgresException,
        _ => false,
    };

    /// <summary>
    /// What a failure says of the database: <see langword="null"/> for one that is not the database's (a constraint, a
    /// projection's own SQL, the caller's bug), which the caller handles or lets through.
    /// </summary>
    /// <param name="exception">Npgsql's or the server's error.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    internal static PostgreSqlStoreFailure? FailureOf(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState switch
        {
            "28000" or "28P01" => PostgreSqlStoreFailure.Authentication,
            "25006" => PostgreSqlStoreFailure.ReadOnly,
            "42501" => PostgreSqlStoreFailure.PermissionDenied,
            "57014" or "55P03" => PostgreSqlStoreFailure.Timeout,
            "3D000" => PostgreSqlStoreFailure.ConnectionRefused,
            "40001" or "40P01" or "53100" or "53200" or "53300" or "57P01" or "57P02" or "57P03" => PostgreSqlStoreFailure.Unavailable,
            var state when state.StartsWith("08", StringComparison.Ordinal) => PostgreSqlStoreFailure.Unavailable,
            _ => null,
        },
        NpgsqlException n when IsTimeout(n) => PostgreSqlStoreFailure.Timeout,
        NpgsqlException n when n.InnerException is SocketException => PostgreSqlStoreFailure.ConnectionRefused,
        NpgsqlException n when n.InnerException is PostgresException inner => FailureOf(inner),
        NpgsqlException => PostgreSqlStoreFailure.Unavailable,
        TimeoutException => PostgreSqlStoreFailure.Timeout,
        _ => null,
    };

    private static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || (e is PostgresException p && p.SqlState is "57014" or "55P03"))
            {
                return true;
            }
        }

        // The pool's wait for a free connection.
        return exception.Message.Contains("pool has been exhausted", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The typed error for a failure <see cref="FailureOf"/> recognised.</summary>
    /// <param name="attempted">What was attempted.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="exception">The database's error, kept inside.</param>
    /// <returns>The exception to throw.</returns>
    public PostgreSqlStoreException Failed(string attempted, PostgreSqlStoreFailure reason, Exception exception)
    {
        var detail = reason switch
        {
            PostgreSqlStoreFailure.ConnectionRefused when exception is PostgresException { SqlState: "3D000" } => "the database does not exist",
            PostgreSqlStoreFailure.ConnectionRefused => "no server answered at that host and port",
            PostgreSqlStoreFailure.Authentication => "the server refused the user name or password",
            PostgreSqlStoreFailure.Timeout => "a statement or a wait for a lock or a connection took longer than the command timeout",
            PostgreSqlStoreFailure.ReadOnly => "the server accepts reads only (a standby, or default_transaction_read_only)",
            PostgreSqlStoreFailure.PermissionDenied => "the user lacks a right the store needs",
            _ => exception is IOException or EndOfStreamException || exception.InnerException is IOException or EndOfStreamException
                ? "the connection broke" : "the server is unavailable, restarting or overloaded",
        };
        var code = exception is PostgresException p ? " " + p.SqlState : exception.InnerException is PostgresException ip ? " " + ip.SqlState : string.Empty;
        return new PostgreSqlStoreException(DataSource, reason, attempted, $"{detail} (PostgreSQL{code}: {exception.Message})", exception);
    }

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => source.Dispose();

    /// <summary>Closes the pool's connections.</summary>
    /// <returns>A task that completes when they are closed.</returns>
    public ValueTask DisposeAsync() => source.DisposeAsync();
}
