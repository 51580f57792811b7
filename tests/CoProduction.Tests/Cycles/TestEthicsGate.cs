using System.Collections.Generic;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Tests.Cycles;

/// <summary>A small real ethics gate for the cycle tests: a list of approved scopes (method, group, site, period) per protocol.</summary>
internal sealed class TestEthicsGate : IEthicsGate
{
    private readonly List<(DataCollectionMethod Method, RespondentGroup Group, SiteId Site, LocalDate From, LocalDate To, ProtocolId Protocol)> rules = [];

    public TestEthicsGate Approve(ProtocolId protocol, DataCollectionMethod method, RespondentGroup group, SiteId site, LocalDate from, LocalDate to)
    {
        rules.Add((method, group, site, from, to, protocol));
        return this;
    }

    public EthicsGateDecision Check(ResearchActivity activity)
    {
        ProtocolId? nearest = null;
        var lapsed = false;
        foreach (var r in rules)
        {
            if (r.Method == activity.Method && r.Group == activity.RespondentGroup && r.Site == activity.Site)
            {
                if (r.From <= activity.Date && activity.Date <= r.To)
                {
                    return EthicsGateDecision.Covered(activity, r.Protocol, 1);
                }

                nearest = r.Protocol;
                lapsed = true;
            }
            else if (r.Site == activity.Site)
            {
                nearest ??= r.Protocol;
            }
        }

        var remedies = new List<string>();
        if (nearest is { } p)
        {
            remedies.Add($"amend protocol {p}");
        }

        remedies.Add("open a sub-study protocol");
        return EthicsGateDecision.NotCovered(
            activity,
            $"{activity.Title} is not covered on {activity.Date:uuuu-MM-dd}",
            [$"no approved scope covers {activity.Method} with {activity.RespondentGroup} at {activity.Site} on {activity.Date:uuuu-MM-dd}"],
            remedies,
            nearest is { } deviates ? new ProtocolBreach(deviates, 1, lapsed ? ProtocolStatus.Expired : ProtocolStatus.Approved, PausesStudy: false, Committee) : null);
    }

    /// <summary>The committee the gate's protocols answer to.</summary>
    public static CommitteeId Committee { get; } = new("kemri-seru");
}
