using System;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ethics;

public sealed class ProtocolEthicsGateTests
{
    private static readonly ResearchActivity Interview =
        new("interviews with the county team", DataCollectionMethod.Interview, RespondentGroup.DistrictManagers, Kilifi, new LocalDate(2016, 4, 1));

    [Fact]
    public void An_expired_protocol_that_would_cover_the_activity_is_named_with_renewal_as_the_remedy()
    {
        var decision = ProtocolEthicsGate.From([Approved()]).Check(Interview);

        Assert.False(decision.IsCovered);
        Assert.Contains("protocol 'KWTRP-1' version 1 would cover it but is Expired on 2016-04-01.", decision.Reasons);
        Assert.Contains("renew protocol 'KWTRP-1' (its approval was not current on 2016-04-01)", decision.Remedies);
    }

    [Fact]
    public void A_suspended_protocol_covers_nothing_until_it_is_reinstated()
    {
        var protocol = Approved();
        protocol.Suspend(new LocalDate(2015, 6, 1), "consent forms under revision", Stamp(At(100), Committee));
        var june = Interview with { Date = new LocalDate(2015, 6, 15) };

        Assert.Contains("reinstate protocol 'KWTRP-1'", ProtocolEthicsGate.From([protocol]).Check(june).Remedies);

        protocol.Reinstate(new LocalDate(2015, 7, 1), Stamp(At(120), Committee));
        var gate = ProtocolEthicsGate.From([protocol]);
        Assert.False(gate.Check(june).IsCovered);
        Assert.True(gate.Check(june with { Date = new LocalDate(2015, 7, 1) }).IsCovered);
    }

    [Fact]
    public void With_no_protocol_at_all_the_remedy_is_to_draft_one()
    {
        var decision = new ProtocolEthicsGate([]).Check(Interview);

        Assert.False(decision.IsCovered);
        Assert.Equal(["draft and submit a protocol covering interview with district-managers at kilifi"], decision.Remedies);
    }

    [Fact]
    public void A_protocol_for_another_site_suggests_adding_the_site_only_when_method_and_group_fit()
    {
        var sedibeng = Approved("SED-1", new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [Sedibeng]));
        var decision = ProtocolEthicsGate.From([sedibeng]).Check(Interview with { Date = new LocalDate(2015, 4, 1) });

        Assert.Contains("amend protocol 'SED-1' to add kilifi", decision.Remedies);
        Assert.DoesNotContain(decision.Remedies, r => r.StartsWith("open a sub-study", StringComparison.Ordinal));
    }

    [Fact]
    public void A_protocol_for_another_site_that_lacks_the_method_too_is_not_offered_as_a_remedy()
    {
        var sedibeng = Approved("SED-1", new ProtocolScope([DataCollectionMethod.Observation], [RespondentGroup.DistrictManagers], [Sedibeng]));
        var decision = ProtocolEthicsGate.From([sedibeng]).Check(Interview with { Date = new LocalDate(2015, 4, 1) });

        Assert.DoesNotContain(decision.Remedies, r => r.Contains("SED-1", StringComparison.Ordinal));
        Assert.Contains(decision.Remedies, r => r.StartsWith("open a sub-study", StringComparison.Ordinal));
    }
}
