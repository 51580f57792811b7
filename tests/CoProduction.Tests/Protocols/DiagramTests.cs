using System;
using System.IO;
using CoProduction.Ethics;
using CoProduction.Protocols;

namespace CoProduction.Tests.Protocols;

public sealed class DiagramTests
{
    public static TheoryData<string> Machines => ["protocol", "amendment", "deviation", "dilemma", "insight", "engagement", "output", "impact"];

    [Theory]
    [MemberData(nameof(Machines))]
    public void The_committed_diagrams_match_the_machines(string name)
    {
        var (mermaid, dot) = name switch
        {
            "protocol" => (ProtocolMachine.Machine.ToMermaid(), ProtocolMachine.Machine.ToDotGraph()),
            "amendment" => (AmendmentMachine.Machine.ToMermaid(), AmendmentMachine.Machine.ToDotGraph()),
            "deviation" => (ProtocolDeviationMachine.Machine.ToMermaid(), ProtocolDeviationMachine.Machine.ToDotGraph()),
            "insight" => (CoProduction.Ledger.InsightMachine.Machine.ToMermaid(), CoProduction.Ledger.InsightMachine.Machine.ToDotGraph()),
            "engagement" => (CoProduction.Ledger.WiderEngagementMachine.Machine.ToMermaid(), CoProduction.Ledger.WiderEngagementMachine.Machine.ToDotGraph()),
            "output" => (CoProduction.Ledger.OutputMachine.Machine.ToMermaid(), CoProduction.Ledger.OutputMachine.Machine.ToDotGraph()),
            "impact" => (CoProduction.Ledger.ImpactMachine.Machine.ToMermaid(), CoProduction.Ledger.ImpactMachine.Machine.ToDotGraph()),
            _ => (EthicalDilemmaMachine.Machine.ToMermaid(), EthicalDilemmaMachine.Machine.ToDotGraph()),
        };
        var folder = Path.Combine(RepoRoot(), "docs", "diagrams");
        Check(Path.Combine(folder, name + ".mmd"), mermaid);
        Check(Path.Combine(folder, name + ".dot"), dot);
    }

    private static void Check(string path, string generated)
    {
        generated = generated.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("COPRODUCTION_UPDATE_DIAGRAMS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with COPRODUCTION_UPDATE_DIAGRAMS=1.");
        Assert.True(
            File.ReadAllText(path).ReplaceLineEndings("\n") == generated,
            $"{path} is stale: run the tests once with COPRODUCTION_UPDATE_DIAGRAMS=1 and commit the file.");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoProduction.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CoProduction.sln not found above " + AppContext.BaseDirectory);
    }
}
