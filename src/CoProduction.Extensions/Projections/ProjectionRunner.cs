using CoProduction.DependencyInjection;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CoProduction.Projections;

/// <summary>
/// Keeps every registered projection's model up to date with the feed. Runs as a hosted service: at start it
/// catches each projection up (rebuilding from position 0 one whose version changed), logging progress every
/// few seconds, then follows the live feed: a pass right after this app commits events, and one every
/// <see cref="CoProductionOptions.NotificationPollInterval"/> for events other processes committed.
/// </summary>
/// <remarks>
/// An event a projection cannot read or apply is parked (<see cref="IParkedEventStore"/>) and the projection goes
/// on with the next one; <see cref="RebuildAsync"/> retries parked events once the projection is fixed. A page that
/// has just run a command reads its own write with <see cref="WaitForAsync"/>.
/// </remarks>
public sealed class ProjectionRunner : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly IEventStoreReader store;
    private readonly EventSerializer serializer;
    private readonly IProjectionStore models;
    private readonly IDocumentStore documents;
    private readonly AggregateSource aggregates;
    private readonly IParkedEventStore parked;
    private readonly IProjection[] projections;
    private readonly NotificationSignal.Listener signal;
    private readonly IOptionsMonitor<CoProductionOptions> options;
    private readonly TimeProvider time;
    private readonly IClock clock;
    private readonly ILogger logger;
    private readonly SemaphoreSlim onePass = new(1, 1);
    private readonly Lock gate = new();
    private readonly long[] reached;
    private readonly List<(long Position, int[]? Of, TaskCompletionSource Reached)> waiters = [];

    internal ProjectionRunner(
        IEventStoreReader store,
        EventSerializer serializer,
        IProjectionStore models,
        IDocumentStore documents,
        IParkedEventStore parked,
        IEnumerable<IProjection> projections,
        NotificationSignal signal,
        IOptionsMonitor<CoProductionOptions> options,
        TimeProvider time,
        IClock clock,
        ILogger<ProjectionRunner> logger)
    {
        this.store = store;
        this.serializer = serializer;
        this.models = models;
        this.documents = documents;
        this.parked = parked;
        this.projections = [.. projections.Distinct()];

        // One cache for every projection: a batch hands each event to every document projection in turn, so each event
        // is folded into its aggregate once, and every projection finds the aggregate at that event's version.
        aggregates = new AggregateSource(store, serializer);
        foreach (var projection in this.projections)
        {
            ProjectionArguments.CheckProjection(projection);
        }

        if (this.projections.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two projections are named '{twice.Key}' ({string.Join(", ", twice.Select(p => p.GetType().Name))}); a name keeps one model's checkpoint.");
        }

        this.signal = signal.Listen();
        this.options = options;
        this.time = time;
        this.clock = clock;
        this.logger = logger;
        reached = new long[this.projections.Length];
    }

    /// <summary>Gets the projections the runner keeps up to date.</summary>
    public IReadOnlyList<IProjection> Projections => projections;

    /// <summary>Gets the error of the last pass when it failed (the store unreachable, for example), or <see langword="null"/> after a pass that succeeded.</summary>
    public Exception? LastFailure { get; private set; }

    /// <summary>
    /// Brings every projection up to the feed's end: one whose version changed is reset and rebuilt, events it
    /// cannot read or apply are parked. Passes never overlap: a call waits for a running pass to end.
    /// </summary>
    /// <param name="cancellationToken">Cancels the pass between batches; every checkpoint stays with its model.</param>
    /// <returns>How many events were folded (applied or parked), summed over projections.</returns>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await onePass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CatchUpAsync(Enumerable.Range(0, projections.Length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            onePass.Release();
        }
    }

    /// <summary>
    /// Waits until every projection has folded the feed up to a position, for example a command's
    /// <see cref="AppendResult.LastPosition"/>, so a query after a command shows the command's change.
    /// </summary>
    /// <param name="position">The global position to reach; 0 or less is reached at once.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when every model has reached the position; <see langword="false"/> when the timeout passed first.</returns>
    /// <remarks>When the runner is not running as a hosted service, the wait runs the catch-up itself.</remarks>
    public Task<bool> WaitForAsync(long position, TimeSpan timeout, CancellationToken cancellationToken = default)
        => WaitAsync(position, null, timeout, cancellationToken);

    /// <summary>
    /// Waits until some projections have folded the feed up to a position: what a command that decides from a read
    /// model waits for, without waiting for the app's other projections.
    /// </summary>
    /// <param name="projections">The projections' names.</param>
    /// <param name="position">The global position to reach; 0 or less is reached at once.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when each of these models has reached the position; <see langword="false"/> when the timeout passed first.</returns>
    /// <exception cref="ArgumentException">A name is not a registered projection's.</exception>
    public Task<bool> WaitForProjectionsAsync(IEnumerable<string> projections, long position, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projections);
        return WaitAsync(position, [.. projections.Select(IndexOf)], timeout, cancellationToken);
    }

    /// <summary>How long a decision that reads the library's read models waits for them to reach the store's end.</summary>
    internal static readonly TimeSpan ReadModelWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until some read models have folded everything the store held at the call, so a decision taken from them
    /// (the gate, the sweep, the reminders) sees every change committed before it; the one wait they all use.
    /// </summary>
    /// <param name="projections">The read models' names.</param>
    /// <param name="purpose">What waits, for the error, for example "the ethics gate".</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The store's position they have reached: what the decision sees.</returns>
    /// <exception cref="TimeoutException">They did not get there within <see cref="ReadModelWait"/>.</exception>
    internal async ValueTask<long> RequireCurrentAsync(string[] projections, string purpose, CancellationToken cancellationToken)
    {
        var last = await store.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
        if (!await WaitForProjectionsAsync(projections, last, ReadModelWait, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The read models {string.Join(", ", projections)} did not reach the store's position {last} within {ReadModelWait.TotalSeconds} s," +
                $" so {purpose} cannot see every change committed before; check that the projection runner is running" +
                $" (its {nameof(LastFailure)} and health check), then try again."));
        }

        return last;
    }

    private async Task<bool> WaitAsync(long position, int[]? of, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        if (HasReached(position, of))
        {
            return true;
        }

        using var expiry = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, cancellationToken);
        var waiter = (position, of, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            waiters.Add(waiter);
        }

        try
        {
            if (HasReached(position, of))
            {
                return true;
            }

            if (ExecuteTask is null)
            {
                await CatchUpAsync(either.Token).ConfigureAwait(false);
            }
            else
            {
                signal.Notify();
            }

            await waiter.Item3.Task.WaitAsync(either.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HasReached(position, of);
        }
        finally
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
        }
    }

    /// <summary>
    /// Empties a projection's model, forgets its parked events and folds the whole feed again. This is how
    /// parked events are retried once the projection (or the app's event registry) is fixed: every event is
    /// applied again in order, and one that still fails is parked again.
    /// </summary>
    /// <param name="projection">The projection's name.</param>
    /// <param name="cancellationToken">Cancels the rebuild between batches; it carries on from there on the next pass.</param>
    /// <returns>How many events were folded.</returns>
    /// <exception cref="ArgumentException">No registered projection has this name.</exception>
    public async Task<long> RebuildAsync(string projection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        var index = IndexOf(projection);

        await onePass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await models.ResetAsync(projections[index], cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref reached[index], 0);
            return await CatchUpAsync([index], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            onePass.Release();
        }
    }

    /// <summary>Reads where every projection stands against the feed, with its parked events.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One status per projection, in registration order.</returns>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var last = await store.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
        var counts = await parked.CountAsync(cancellationToken).ConfigureAwait(false);
        var statuses = new ProjectionStatus[projections.Length];
        for (var i = 0; i < projections.Length; i++)
        {
            var checkpoint = await models.GetCheckpointAsync(projections[i], cancellationToken).ConfigureAwait(false);
            var position = checkpoint.Version == projections[i].Version ? checkpoint.Position : 0;
            statuses[i] = new ProjectionStatus(projections[i].Name, projections[i].Version, position, last, counts.GetValueOrDefault(projections[i].Name));
        }

        return statuses;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (projections.Length == 0)
        {
            return;
        }

        // Catching up may take a while: the host's start must not wait for it.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken).ConfigureAwait(false);
                LastFailure = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing pass (store offline) must not stop the service: it is logged and tried again. A projection of the wrong kind for the store is a configuration error and stops it.
            catch (Exception exception) when (exception is not NotSupportedException)
#pragma warning restore CA1031
            {
                LastFailure = exception;
                Log.ProjectionPassFailed(logger, exception);
            }

            using var poll = new CancellationTokenSource(options.CurrentValue.NotificationPollInterval, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
            await signal.WaitAsync(either.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Brings these projections up to the feed's end in one pass: each batch of the feed is read once, from the
    /// lowest checkpoint, and the same <see cref="ProjectedEvent"/>s (each deserialized at most once) go to every
    /// projection whose checkpoint they are past; each projection keeps its own checkpoint, log lines and lag.
    /// </summary>
    private async Task<long> CatchUpAsync(IEnumerable<int> indexes, CancellationToken cancellationToken)
    {
        var behind = new List<Follower>();
        var total = 0L;
        var totalRead = false;
        var batchSize = options.CurrentValue.ProjectionBatchSize;
        foreach (var index in indexes)
        {
            var projection = projections[index];
            var checkpoint = await models.GetCheckpointAsync(projection, cancellationToken).ConfigureAwait(false);
            if (checkpoint.Version != projection.Version)
            {
                if (checkpoint.Version == 0)
                {
                    Log.ProjectionBuilding(logger, projection.Name, projection.Version);
                }
                else
                {
                    Log.ProjectionRebuilding(logger, projection.Name, projection.Version, checkpoint.Version);
                }

                await models.ResetAsync(projection, cancellationToken).ConfigureAwait(false);
                checkpoint = new ProjectionCheckpoint(projection.Version, 0);
            }

            Reach(index, checkpoint.Position);
            if (!totalRead)
            {
                total = await store.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
                totalRead = true;
            }

            var follower = new Follower(index, projection, checkpoint.Position, total - checkpoint.Position > batchSize);
            CoProductionTelemetry.Lag.Record(Math.Max(0, total - follower.Position), follower.Tags);
            if (follower.Position >= total)
            {
                continue;
            }

            if (follower.Logged)
            {
                Log.ProjectionCatchingUp(logger, projection.Name, follower.From, total);
            }

            behind.Add(follower);
        }

        if (behind.Count == 0)
        {
            return 0;
        }

        var started = time.GetTimestamp();
        foreach (var follower in behind)
        {
            follower.LastLog = started;
        }

        var position = behind.Min(f => f.Position);
        while (true)
        {
            var batch = await store.ReadAllAsync(position, batchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            var events = new ProjectedEvent[batch.Count];
            for (var i = 0; i < events.Length; i++)
            {
                events[i] = new ProjectedEvent(batch[i], serializer);
            }

            position = batch[^1].Position;
            total = Math.Max(total, position);
            var folds = new List<(IDocumentFold Fold, long From)>(behind.Count);
            foreach (var follower in behind)
            {
                var first = FirstAfter(events, follower.Position);
                if (first >= events.Length)
                {
                    continue;
                }

                if (follower.Projection is IDocumentFold fold)
                {
                    folds.Add((fold, follower.Position));
                }
                else
                {
                    await ApplyParkingAsync(follower.Projection, new ArraySegment<ProjectedEvent>(events, first, events.Length - first), cancellationToken).ConfigureAwait(false);
                }

                follower.Position = position;
            }

            if (folds.Count > 0)
            {
                await StepTogetherAsync(folds, events, cancellationToken).ConfigureAwait(false);
            }

            foreach (var follower in behind)
            {
                Reach(follower.Index, follower.Position);
                CoProductionTelemetry.Lag.Record(total - follower.Position, follower.Tags);
                if (follower.Logged && time.GetElapsedTime(follower.LastLog) >= ProgressInterval)
                {
                    follower.LastLog = time.GetTimestamp();
                    Log.ProjectionProgress(logger, follower.Projection.Name, follower.Position, total, Rate(follower.Position - follower.From, time.GetElapsedTime(started)));
                }
            }

            if (batch.Count < batchSize)
            {
                break;
            }
        }

        long folded = 0;
        var elapsed = time.GetElapsedTime(started);
        foreach (var follower in behind)
        {
            CoProductionTelemetry.Lag.Record(0, follower.Tags);
            var count = follower.Position - follower.From;
            if (follower.Logged)
            {
                Log.ProjectionCaughtUp(logger, follower.Projection.Name, follower.Position, count, Math.Round(elapsed.TotalSeconds, 3), Rate(count, elapsed));
            }

            folded += count;
        }

        return folded;
    }

    /// <summary>The index of the first event past a position (events in feed order), or the count when none is.</summary>
    private static int FirstAfter(ProjectedEvent[] events, long position)
    {
        int low = 0, high = events.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (events[middle].Stored.Position <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// Folds a batch into several document projections at once and commits them together: each event goes to every
    /// projection in turn (so each is folded into its aggregate once), and the changes of all of them, each with its own
    /// checkpoint, are one call to the store (one transaction for SQLite). A projection that fails on an event drops out
    /// of the batch and is stepped on its own afterwards, parking the event, while the others are committed.
    /// </summary>
    private async Task StepTogetherAsync(List<(IDocumentFold Fold, long From)> folds, ProjectedEvent[] events, CancellationToken cancellationToken)
    {
        var steps = new IDocumentStep?[folds.Count];
        for (var k = 0; k < steps.Length; k++)
        {
            steps[k] = folds[k].Fold.Begin(documents, aggregates, folds[k].From);
        }

        var failed = new List<int>();
        foreach (var e in events)
        {
            for (var k = 0; k < steps.Length; k++)
            {
                if (steps[k] is not { } step)
                {
                    continue;
                }

                try
                {
                    await step.ApplyAsync(e, cancellationToken).ConfigureAwait(false);
                }
                catch (ProjectionFailedException f) when (string.Equals(f.Projection, step.Projection.Name, StringComparison.Ordinal))
                {
                    steps[k] = null;
                    failed.Add(k);
                }
            }
        }

        var commits = new List<DocumentCommit>(steps.Length);
        for (var k = 0; k < steps.Length; k++)
        {
            if (steps[k] is not { } step)
            {
                continue;
            }

            try
            {
                if (await step.CompleteAsync(cancellationToken).ConfigureAwait(false) is { } commit)
                {
                    commits.Add(commit);
                }
            }
            catch (ProjectionFailedException f) when (string.Equals(f.Projection, step.Projection.Name, StringComparison.Ordinal))
            {
                failed.Add(k);
            }
        }

        if (commits.Count > 0)
        {
            await documents.CommitStepsAsync(commits, cancellationToken).ConfigureAwait(false);
        }

        foreach (var k in failed)
        {
            var first = FirstAfter(events, folds[k].From);
            await ApplyParkingAsync((IProjection)folds[k].Fold, new ArraySegment<ProjectedEvent>(events, first, events.Length - first), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies the events; on a failure applies those before it, parks it, and goes on after it.</summary>
    private async Task ApplyParkingAsync(IProjection projection, ArraySegment<ProjectedEvent> events, CancellationToken cancellationToken)
    {
        while (events.Count > 0)
        {
            try
            {
                if (projection is IDocumentFold fold)
                {
                    await fold.StepAsync(events, documents, models, aggregates, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await models.ApplyAsync(projection, events, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (ProjectionFailedException failed) when (string.Equals(failed.Projection, projection.Name, StringComparison.Ordinal))
            {
                var at = IndexOf(events, failed.Event.Position);
                if (at < 0)
                {
                    throw;
                }

                if (at > 0)
                {
                    await ApplyParkingAsync(projection, events[..at], cancellationToken).ConfigureAwait(false);
                }

                var stored = events[at].Stored;
                await models.SkipAsync(projection, Parking.Of(projection.Name, stored, failed, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
                CoProductionTelemetry.Parked.Add(1, new KeyValuePair<string, object?>("coproduction.subscriber", projection.Name));
                Log.ProjectionParked(logger, failed.InnerException ?? failed, projection.Name, stored.Position, stored.EventName, stored.Stream.Value);
                events = events[(at + 1)..];
            }
        }
    }

    private static int IndexOf(ArraySegment<ProjectedEvent> events, long position)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Stored.Position == position)
            {
                return i;
            }
        }

        return -1;
    }

    private static long Rate(long events, TimeSpan elapsed)
        => elapsed <= TimeSpan.Zero ? events : (long)(events / elapsed.TotalSeconds);

    private void Reach(int index, long position)
    {
        Volatile.Write(ref reached[index], position);
        lock (gate)
        {
            if (waiters.Count == 0)
            {
                return;
            }

            foreach (var (target, of, done) in waiters)
            {
                if (HasReached(target, of))
                {
                    done.TrySetResult();
                }
            }
        }
    }

    private bool HasReached(long position, int[]? of) => position <= 0 || position <= Lowest(of);

    private long Lowest(int[]? of)
    {
        var lowest = long.MaxValue;
        var count = of?.Length ?? reached.Length;
        for (var i = 0; i < count; i++)
        {
            lowest = Math.Min(lowest, Volatile.Read(ref reached[of is null ? i : of[i]]));
        }

        return lowest;
    }

    private int IndexOf(string projection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        var index = Array.FindIndex(projections, p => string.Equals(p.Name, projection, StringComparison.Ordinal));
        return index >= 0 ? index : throw new ArgumentException(
            $"No projection is named '{projection}'; the registered ones are: {string.Join(", ", projections.Select(p => p.Name))}.", nameof(projection));
    }

    /// <summary>Where one projection stands during a pass.</summary>
    private sealed class Follower(int index, IProjection projection, long from, bool logged)
    {
        public int Index { get; } = index;

        public IProjection Projection { get; } = projection;

        public long From { get; } = from;

        public bool Logged { get; } = logged;

        public KeyValuePair<string, object?> Tags { get; } = new("coproduction.projection", projection.Name);

        public long Position { get; set; } = from;

        public long LastLog { get; set; }
    }
}
