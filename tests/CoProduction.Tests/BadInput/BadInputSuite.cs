using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ledger;
using System.Reflection;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.BadInput;

/// <summary>
/// Every public command of every aggregate, the stores' append and read APIs, the DI command surfaces and the archive import,
/// each given bad input on both stores (in memory, and a real SQLite file): the exact typed error, the loaded aggregates unchanged,
/// and the store unchanged — its whole feed, and for SQLite the database and WAL files byte for byte (see docs/bad-input.md).
/// </summary>
public sealed partial class BadInputSuite
{
    private static readonly Lazy<Dictionary<string, BadInputCase>> All = new(() =>
    {
        var cases = new Dictionary<string, BadInputCase>(StringComparer.Ordinal);
        foreach (var c in SiteCases().Concat(ProgrammeCases()).Concat(ProtocolCases()).Concat(AmendmentCases()).Concat(CycleCases())
                     .Concat(EthicsCases()).Concat(LedgerCases()).Concat(MeetingCases()).Concat(StoreCases()).Concat(ArchiveCases()).Concat(SurfaceCases()))
        {
            cases.Add(c.Command, c);   // throws on a repeated name: each row is named by its command
        }

        return cases;
    });

    public static TheoryData<string, string> CasesOnBothStores()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in All.Value.Keys)
        {
            data.Add(command, "memory");
            data.Add(command, "sqlite");
        }

        return data;
    }

    /// <summary>What the typed error says beyond its type: the input rule, refused trigger, archive reason, store failure or parameter.</summary>
    internal static string DetailOf(Exception ex) => ex switch
    {
        InputLimitException e => e.Rule.ToString(),
        CommandRejectedException e => e.Trigger.ToString(),
        CorruptArchiveException e => e.Reason.ToString(),
        SqliteStoreException e => e.Reason.ToString(),
        ArgumentException e => e.ParamName ?? string.Empty,
        _ => ex.GetType().Name,
    };

    [Theory]
    [MemberData(nameof(CasesOnBothStores))]
    public async Task A_bad_input_gets_its_typed_error_and_changes_nothing(string command, string store)
    {
        var c = All.Value[command];
        using var target = await ImportTarget.CreateAsync(store);
        var world = await BadInputWorld.SeedAsync(target);
        var before = await target.SnapshotAsync();

        var ex = await Record.ExceptionAsync(() => c.Act(world));

        Assert.True(ex is not null, $"{command} was accepted; expected {c.Expected.Name}");
        Assert.True(ex.GetType() == c.Expected, $"{command}: expected {c.Expected.Name}{(c.Detail is null ? "" : $" ({c.Detail})")}, got {ex}");
        if (c.Detail is not null)
        {
            Assert.True(c.Detail == DetailOf(ex), $"{command}: expected {c.Expected.Name} ({c.Detail}), got ({DetailOf(ex)}): {ex.Message}");
        }

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        world.AssertUnchanged();
        Assert.Equal(before, await target.SnapshotAsync());
        await world.SaveAllAsync();
        Assert.Equal(before, await target.SnapshotAsync());
    }

    /// <summary>The aggregates and their public commands, enumerated from the code: each has a case calling it.</summary>
    [Fact]
    public void Every_public_command_of_every_aggregate_has_a_case()
    {
        Type[] aggregates = [typeof(LearningSite), typeof(Programme), typeof(Protocol), typeof(Amendment), typeof(Cycle), typeof(EthicalDilemma), typeof(ProtocolDeviation), typeof(MeetingSeries), typeof(Insight), typeof(WiderEngagement), typeof(Output), typeof(Impact)];
        var commands = aggregates.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name != "Rehydrate" && (m.IsStatic ? m.ReturnType == t : m.ReturnType == typeof(void) || m.ReturnType == t))
                .Select(m => (t.Name, m.Name)))
            .Distinct()
            .ToList();
        var text = string.Join("\n", All.Value.Keys);

        Assert.True(commands.Count > 60, $"only {commands.Count} commands found");
        Assert.Empty(commands.Where(c => !text.Contains($".{c.Item2}(", StringComparison.Ordinal)).Select(c => $"{c.Item1}.{c.Item2}"));
    }

    [Fact]
    public void The_suite_has_at_least_200_rows()
        => Assert.True(CasesOnBothStores().Count >= 200, $"{CasesOnBothStores().Count} rows");
}
