using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// Wakes this instance's dispatcher and projection runner when any instance commits to the same schema: one connection
/// that <c>LISTEN</c>s on <c>coproduction_feed</c> (each commit notifies it with its schema). A lost connection is opened
/// again after a growing wait; the services are woken once after each (re)connection, for commits made while deaf, and
/// they poll anyway, so a missed wake-up only delays them to the poll interval.
/// </summary>
internal sealed partial class PostgreSqlFeedListener : BackgroundService
{
    /// <summary>How long the listener waits for a notification before it checks that its connection is alive.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly PostgreSqlDatabase database;
    private readonly NotificationSignal signal;
    private readonly ILogger<PostgreSqlFeedListener> logger;

    public PostgreSqlFeedListener(PostgreSqlDatabase database, NotificationSignal signal, ILogger<PostgreSqlFeedListener> logger)
    {
        this.database = database;
        this.signal = signal;
        this.logger = logger;
    }

    /// <summary>Gets how many notifications of this schema arrived (for tests).</summary>
    internal int Received => Volatile.Read(ref received);

    /// <summary>Gets whether the listener is listening now (for tests).</summary>
    internal bool Listening { get; private set; }

    private int received;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var connection = await database.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += OnNotification;
                using (var listen = new NpgsqlCommand("LISTEN " + PostgreSqlDatabase.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                Listening = true;
                wait = TimeSpan.FromMilliseconds(200);
                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken).ConfigureAwait(false))
                    {
                        using var alive = new NpgsqlCommand("SELECT 1", connection);
                        await alive.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A lost connection must not stop the listener: it is logged and opened again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Listening = false;
                ListenFailed(logger, exception, database.DataSource, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (string.Equals(e.Payload, database.Schema, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref received);
            signal.Notify();
        }
    }

    [LoggerMessage(60, LogLevel.Warning, "The PostgreSQL feed listener lost or could not open its connection to {DataSource}; it tries again in {Seconds} s (other instances' commits are seen at the next poll meanwhile).")]
    private static partial void ListenFailed(ILogger logger, Exception exception, string dataSource, double seconds);
}
