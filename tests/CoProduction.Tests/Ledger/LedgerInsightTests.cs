using System;
using System.Linq;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Tests.Persistence;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

public sealed class LedgerInsightTests
{
    private static readonly SiteId CapeTown = new("dialhs");
    private static readonly MemberId Vera = new("vera");
    private static readonly MemberId Lucy = new("lucy");

    private static InsightRecording Leadership(string id = "dialhs-leadership") =>
        new(new InsightId(id), CapeTown, "Facility managers lead through relationships as much as through systems", new LocalDate(2015, 3, 12))
        {
            Authors = [Vera, Lucy],
            Source = InsightSourceKind.Meeting,
            SourceReference = "cross-site reflection session, March 2015",
            Themes = ["leadership", "relationships"],
            BuildsOn = [new InsightId("dialhs-sensemaking")],
        };

    [Fact]
    public void DIALHS_leadership_insights_seed_the_Western_Cape_leadership_development_work()
    {
        var insight = Insight.Record(Leadership(), Stamp(At(1), Researcher));
        insight.Seed(new InsightSeed(SeedKind.PlannedActivity, "leadership development workshop"), Stamp(At(2), Researcher));
        insight.Seed(new InsightSeed(SeedKind.Question, "what competencies do managers need?"), Stamp(At(3), Researcher));

        Assert.Equal(InsightStatus.Recorded, insight.Status);
        Assert.Equal([Vera, Lucy], insight.State.Authors);
        Assert.Equal([new InsightId("dialhs-sensemaking")], insight.State.BuildsOn);
        Assert.Equal(2, insight.State.Seeded.Count);
        Assert.Equal(3, insight.UncommittedEvents.Count);
        Assert.True(AggregateLaws.ReplayGivesTheLiveState(insight, insight.History, i => i.State));
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(insight, insight.History, i => i.State));
    }

    [Fact]
    public void The_same_seed_is_recorded_once_and_a_second_attempt_changes_nothing()
    {
        var insight = Insight.Record(Leadership(), Stamp(At(1), Researcher));
        var seed = new InsightSeed(SeedKind.Amendment, "KWTRP-2-A3");
        insight.Seed(seed, Stamp(At(2), Researcher));
        var before = insight.State;

        var ex = Assert.Throws<CommandRejectedException>(() => insight.Seed(seed, Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Equal(InsightTrigger.Seed, ex.Trigger);
        Assert.Contains("already seeded Amendment 'KWTRP-2-A3'", string.Join("; ", ex.Reasons), StringComparison.Ordinal);
        Assert.Equal(before, insight.State);
        Assert.Equal(2, insight.UncommittedEvents.Count);
    }

    [Fact]
    public void A_retracted_insight_seeds_nothing_more()
    {
        var insight = Insight.Record(Leadership(), Stamp(At(1), Researcher));
        insight.Retract("the next cycle's observations contradicted it", Stamp(At(2), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => insight.Seed(new InsightSeed(SeedKind.Question, "q"), Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(InsightStatus.Retracted, ex.State);
        Assert.Empty(ex.PermittedTriggers.Cast<InsightTrigger>());
        Assert.All(insight.Availability(), a => Assert.False(a.IsPermitted));
        Assert.Throws<CommandRejectedException>(() => insight.Retract("again", Stamp(At(4), Researcher)));
        Assert.Equal(2, insight.UncommittedEvents.Count);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_refused()
    {
        var insight = Insight.Record(Leadership(), Stamp(At(5), Researcher));
        var ex = Assert.Throws<CommandRejectedException>(() => insight.Retract("wrong", Stamp(At(4), Researcher)));
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Single(insight.UncommittedEvents);
    }

    [Fact]
    public void A_recording_that_breaks_its_rules_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => Leadership() with { Authors = [] });
        Assert.ThrowsAny<ArgumentException>(() => Leadership() with { Authors = [Vera, Vera] });
        Assert.ThrowsAny<ArgumentException>(() => Leadership() with { Authors = [default] });
        Assert.Throws<ArgumentException>(() => Leadership() with { BuildsOn = [new InsightId("dialhs-leadership")] });
        Assert.ThrowsAny<ArgumentException>(() => Leadership() with { Themes = ["leadership", "leadership"] });
        Assert.ThrowsAny<ArgumentException>(() => Leadership() with { Themes = [" padded"] });
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Leadership() with { Source = (InsightSourceKind)42 });
        Assert.ThrowsAny<ArgumentException>(() => Leadership() with { SourceReference = "" });
        Assert.ThrowsAny<ArgumentException>(() => new InsightRecording(default, CapeTown, "x", new LocalDate(2015, 1, 1)) { Authors = [Vera], Source = InsightSourceKind.Observation, SourceReference = "site visit" });
        Assert.ThrowsAny<ArgumentException>(() => new InsightRecording(new InsightId("i"), CapeTown, "", new LocalDate(2015, 1, 1)) { Authors = [Vera], Source = InsightSourceKind.Observation, SourceReference = "site visit" });
        var insight = Insight.Record(Leadership(), Stamp(At(1), Researcher));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => insight.Seed(new InsightSeed((SeedKind)9, "q"), Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => insight.Seed(new InsightSeed(SeedKind.Question, " q"), Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => insight.Retract("", Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => Insight.Record(Leadership(), default));
        Assert.Single(insight.UncommittedEvents);
    }

    [Fact]
    public void A_history_that_seeds_after_the_retraction_is_refused_on_replay()
    {
        var insight = Insight.Record(Leadership(), Stamp(At(1), Researcher));
        insight.Retract("superseded", Stamp(At(2), Researcher));
        IDomainEvent[] history = [.. insight.History, new InsightSeeded(SeedKind.Question, "q", At(3), Researcher)];
        Assert.Throws<InvalidHistoryException>(() => Insight.Rehydrate(insight.StreamId, history));
    }

    [Fact]
    public void The_library_and_Stateless_agree_on_the_insight_machine()
    {
        var recorded = Insight.Record(Leadership(), Stamp(At(1), Researcher));
        var retracted = Insight.Rehydrate(recorded.StreamId, [.. recorded.History, new InsightRetracted("superseded", At(2), Researcher)]);
        CoProduction.Tests.Kernel.MachineAgreement.Check(InsightMachine.Machine, [recorded.State, retracted.State], s => s.Status);
    }
}
