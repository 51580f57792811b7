using System.Linq;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Tests.Kernel;

public sealed class AggregateMachineTests
{
    private static readonly Actor Researcher = Actor.Member(new MemberId("amina"));

    private static Stamp At(int day) => new(Instant.FromUtc(2017, 5, 1, 8, 0) + Duration.FromDays(day), Researcher);

    [Fact]
    public void A_trigger_not_configured_in_the_state_is_refused_as_not_possible_with_the_triggers_allowed_instead()
    {
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), new SiteId("kilifi"), "consent"), At(1));

        var ex = Assert.Throws<CommandRejectedException>(() => dilemma.Resolve("agreed", At(2)));

        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(DilemmaStatus.Raised, ex.State);
        Assert.Equal(DilemmaTrigger.Resolve, ex.Trigger);
        Assert.Equal([DilemmaTrigger.Discuss], ex.PermittedTriggers.Cast<DilemmaTrigger>());
        Assert.Equal(["Resolve is not possible in Raised"], ex.Reasons);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_refused_as_a_broken_rule_and_changes_nothing()
    {
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), new SiteId("kilifi"), "consent"), At(5));
        var before = dilemma.State;

        var ex = Assert.Throws<CommandRejectedException>(() => dilemma.Discuss("notes", At(4)));

        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Contains("a history is kept in order", ex.Message, System.StringComparison.Ordinal);
        Assert.Same(before, dilemma.State);
        Assert.Equal(1, dilemma.Version);
    }

    [Fact]
    public void A_default_stamp_is_refused_before_anything_is_decided()
    {
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), new SiteId("kilifi"), "consent"), At(1));

        Assert.Throws<System.ArgumentException>(() => dilemma.Discuss("notes", default));
        Assert.Throws<System.ArgumentException>(() => EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E2"), new SiteId("kilifi"), "consent"), default));
        Assert.Throws<System.ArgumentException>(() => new Stamp(Instant.FromUtc(2017, 1, 1, 0, 0), default));
        Assert.Equal(1, dilemma.Version);
    }

    [Fact]
    public void The_dilemma_machine_decides_as_Stateless_does_in_every_state()
    {
        var raised = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), new SiteId("kilifi"), "consent"), At(1));
        var discussed = EthicalDilemma.Rehydrate(raised.StreamId, [.. raised.History, new DilemmaDiscussed("notes", At(2).At, Researcher)]);
        var resolved = EthicalDilemma.Rehydrate(raised.StreamId, [.. discussed.History, new DilemmaResolved("agreed", At(3).At, Researcher)]);
        var escalated = EthicalDilemma.Rehydrate(raised.StreamId, [.. discussed.History, new DilemmaEscalated("committee", null, At(3).At, Researcher)]);

        MachineAgreement.Check(EthicalDilemmaMachine.Machine, [raised.State, discussed.State, resolved.State, escalated.State], s => s.Status);
    }
}
