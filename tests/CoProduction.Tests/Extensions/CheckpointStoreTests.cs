using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using CoProduction.Notifications;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.Extensions;

/// <summary>What every checkpoint store promises: checkpoints only move forward, unless reset on purpose.</summary>
public abstract class CheckpointStoreConformance : IDisposable
{
    private bool disposed;

    protected abstract ICheckpointStore Store { get; }

    [Fact]
    public async Task A_checkpoint_moves_forward_only()
    {
        await Store.SetAsync("report", 10, TestContext.Current.CancellationToken);
        await Store.SetAsync("report", 4, TestContext.Current.CancellationToken);

        Assert.Equal(10, await Store.GetAsync("report", TestContext.Current.CancellationToken));
        Assert.Equal(0, await Store.GetAsync("someone-else", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_reset_moves_a_checkpoint_back_so_a_read_model_can_be_rebuilt()
    {
        await Store.SetAsync("report", 10, TestContext.Current.CancellationToken);
        await Store.SetAsync("mailer", 7, TestContext.Current.CancellationToken);

        await Store.ResetAsync("report", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, await Store.GetAsync("report", TestContext.Current.CancellationToken));
        await Store.ResetAsync("mailer", 3, TestContext.Current.CancellationToken);
        Assert.Equal(3, await Store.GetAsync("mailer", TestContext.Current.CancellationToken));

        await Store.SetAsync("report", 2, TestContext.Current.CancellationToken);
        Assert.Equal(2, await Store.GetAsync("report", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.ResetAsync("report", -1, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.ResetAsync(" ", 0, TestContext.Current.CancellationToken));
        Assert.Equal(2, await Store.GetAsync("report", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reading_many_checkpoints_at_once_gives_each_stored_one_as_reading_it_alone_does()
    {
        var cancel = TestContext.Current.CancellationToken;
        var names = new List<string>();
        for (var i = 0; i < 1_203; i++)
        {
            names.Add("reminder/mail/approval/P-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + (i % 7 == 0 ? "/é 'quoted'" : string.Empty));
            if (i % 3 == 0)
            {
                await Store.SetAsync(names[^1], i + 1, cancel);
            }
        }

        await Store.ResetAsync(names[3], 0, cancel);
        names.Add(names[0]);

        var found = await Store.GetManyAsync(names, cancel);

        foreach (var name in names)
        {
            var alone = await Store.GetAsync(name, cancel);
            Assert.Equal(alone, found.TryGetValue(name, out var position) ? position : 0);
        }

        Assert.Equal(401 - 1, found.Count);
        Assert.Empty(await Store.GetManyAsync([], cancel));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.GetManyAsync(["report", " "], cancel));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => disposed = true;

    protected bool IsDisposed => disposed;
}

public sealed class InMemoryCheckpointStoreTests : CheckpointStoreConformance
{
    protected override ICheckpointStore Store { get; } = new InMemoryCheckpointStore();
}

public sealed class SqliteCheckpointStoreTests : CheckpointStoreConformance
{
    private readonly TempFolder folder = new();

    public SqliteCheckpointStoreTests()
        => Store = new SqliteCheckpointStore(new SqliteEventStoreOptions { Path = Path.Combine(folder.Path, "checkpoints.db") });

    protected override ICheckpointStore Store { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            folder.Dispose();
        }

        base.Dispose(disposing);
    }
}
