using System;
using System.Linq;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Sites;
using CoProduction.Tests.Persistence;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

public sealed class LedgerOutputTests
{
    private static readonly SiteId Kilifi = new("kilifi");
    private static readonly SiteId MitchellsPlain = new("mitchells-plain");
    private static readonly MemberId Benjamin = new("benjamin");
    private static readonly MemberId Vera = new("vera");
    private static readonly MemberId Thabo = new("thabo");
    private static readonly MemberId Amina = new("amina");

    private static OutputRecording Symposium2016(string id = "hsr-2016-learning-sites") =>
        new(new OutputId(id), MitchellsPlain, OutputKind.Presentation, "Learning sites: co-producing health system governance research with managers", new LocalDate(2016, 11, 15))
        {
            Authors = [new OutputAuthor(Vera, RoleKind.Researcher), new OutputAuthor(Thabo, RoleKind.Manager)],
            Venue = "4th Global Symposium on Health Systems Research, Vancouver",
            Insights = [new InsightId("dialhs-leadership")],
        };

    [Fact]
    public void The_2016_Global_Symposium_presentation_with_managers_shows_manager_co_authorship()
    {
        var output = Output.Record(Symposium2016(), Stamp(At(1), Researcher));
        output.LinkInsight(new InsightId("dialhs-relational-governance"), Stamp(At(2), Researcher));

        Assert.Equal(OutputKind.Presentation, output.State.Kind);
        Assert.True(output.State.HasManagerCoAuthor);
        Assert.Equal([Thabo], output.State.ManagerCoAuthors);
        Assert.Equal([new InsightId("dialhs-leadership"), new InsightId("dialhs-relational-governance")], output.State.Insights);
        Assert.Equal(2, output.UncommittedEvents.Count);
        Assert.True(AggregateLaws.ReplayGivesTheLiveState(output, output.History, o => o.State));
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(output, output.History, o => o.State));
    }

    [Fact]
    public void The_2018_Global_Symposium_presentation_with_managers_from_Kilifi_shows_manager_co_authorship()
    {
        var output = Output.Record(
            new OutputRecord2018().Recording,
            Stamp(At(1), Researcher));

        Assert.True(output.State.HasManagerCoAuthor);
        Assert.Equal([Amina], output.State.ManagerCoAuthors);
        Assert.Equal("5th Global Symposium on Health Systems Research, Liverpool", output.State.Venue);
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(output, output.History, o => o.State));
    }

    [Fact]
    public void A_paper_written_by_researchers_alone_has_no_manager_co_author()
    {
        var output = Output.Record(
            new OutputRecording(new OutputId("kilifi-hospital-financing"), Kilifi, OutputKind.Paper, "Hospital financing under devolution in Kilifi", new LocalDate(2015, 8, 1))
            {
                Authors = [new OutputAuthor(Benjamin, RoleKind.Researcher)],
            },
            Stamp(At(1), Researcher));

        Assert.False(output.State.HasManagerCoAuthor);
        Assert.Empty(output.State.ManagerCoAuthors);
        Assert.Null(output.State.Venue);
    }

    [Fact]
    public void An_insight_is_linked_once_and_a_second_link_changes_nothing()
    {
        var output = Output.Record(Symposium2016(), Stamp(At(1), Researcher));
        var before = output.State;

        var ex = Assert.Throws<CommandRejectedException>(() => output.LinkInsight(new InsightId("dialhs-leadership"), Stamp(At(2), Researcher)));

        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Equal(OutputTrigger.LinkInsight, ex.Trigger);
        Assert.Contains("already linked to insight 'dialhs-leadership'", string.Join("; ", ex.Reasons), StringComparison.Ordinal);
        Assert.Same(before, output.State);
        Assert.Single(output.UncommittedEvents);
    }

    [Fact]
    public void A_retracted_output_links_nothing_more()
    {
        var output = Output.Record(Symposium2016(), Stamp(At(1), Researcher));
        output.Retract("the abstract was withdrawn", Stamp(At(2), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => output.LinkInsight(new InsightId("other"), Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(OutputStatus.Retracted, ex.State);
        Assert.Empty(ex.PermittedTriggers.Cast<OutputTrigger>());
        Assert.All(output.Availability(), a => Assert.False(a.IsPermitted));
        Assert.Throws<CommandRejectedException>(() => output.Retract("again", Stamp(At(4), Researcher)));
        Assert.Equal("the abstract was withdrawn", output.State.RetractionReason);
        Assert.Equal(2, output.UncommittedEvents.Count);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_refused()
    {
        var output = Output.Record(Symposium2016(), Stamp(At(5), Researcher));
        var ex = Assert.Throws<CommandRejectedException>(() => output.Retract("wrong", Stamp(At(4), Researcher)));
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Single(output.UncommittedEvents);
    }

    [Fact]
    public void A_recording_that_breaks_its_rules_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => Symposium2016() with { Authors = [] });
        Assert.ThrowsAny<ArgumentException>(() => Symposium2016() with { Authors = [new OutputAuthor(Vera, RoleKind.Researcher), new OutputAuthor(Vera, RoleKind.Manager)] });
        Assert.ThrowsAny<ArgumentException>(() => new OutputAuthor(default, RoleKind.Manager));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new OutputAuthor(Vera, default));
        Assert.ThrowsAny<ArgumentException>(() => Symposium2016() with { Venue = " Vancouver" });
        Assert.ThrowsAny<ArgumentException>(() => Symposium2016() with { Insights = [new InsightId("a"), new InsightId("a")] });
        Assert.ThrowsAny<ArgumentException>(() => Symposium2016() with { Insights = [default] });
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new OutputRecording(new OutputId("o"), Kilifi, (OutputKind)12, "t", new LocalDate(2016, 1, 1)) { Authors = [new OutputAuthor(Vera, RoleKind.Researcher)] });
        Assert.ThrowsAny<ArgumentException>(() => new OutputRecording(new OutputId("o"), Kilifi, OutputKind.Paper, "", new LocalDate(2016, 1, 1)) { Authors = [new OutputAuthor(Vera, RoleKind.Researcher)] });
        Assert.ThrowsAny<ArgumentException>(() => new OutputRecording(default, Kilifi, OutputKind.Paper, "t", new LocalDate(2016, 1, 1)) { Authors = [new OutputAuthor(Vera, RoleKind.Researcher)] });
        var output = Output.Record(Symposium2016(), Stamp(At(1), Researcher));
        Assert.ThrowsAny<ArgumentException>(() => output.LinkInsight(default, Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => output.Retract(" ", Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => Output.Record(Symposium2016(), default));
        Assert.Single(output.UncommittedEvents);
    }

    [Fact]
    public void A_history_that_links_after_the_retraction_is_refused_on_replay()
    {
        var output = Output.Record(Symposium2016(), Stamp(At(1), Researcher));
        output.Retract("withdrawn", Stamp(At(2), Researcher));
        IDomainEvent[] history = [.. output.History, new OutputInsightLinked(new InsightId("q"), At(3), Researcher)];
        Assert.Throws<InvalidHistoryException>(() => Output.Rehydrate(output.StreamId, history));
    }

    [Fact]
    public void The_library_and_Stateless_agree_on_the_output_machine()
    {
        var recorded = Output.Record(Symposium2016(), Stamp(At(1), Researcher));
        var retracted = Output.Rehydrate(recorded.StreamId, [.. recorded.History, new OutputRetracted("withdrawn", At(2), Researcher)]);
        CoProduction.Tests.Kernel.MachineAgreement.Check(OutputMachine.Machine, [recorded.State, retracted.State], s => s.Status);
    }

    private sealed class OutputRecord2018
    {
        public OutputRecording Recording { get; } =
            new(new OutputId("hsr-2018-everyday-resilience"), Kilifi, OutputKind.Presentation, "Everyday resilience across three learning sites", new LocalDate(2018, 10, 9))
            {
                Authors = [new OutputAuthor(Benjamin, RoleKind.Researcher), new OutputAuthor(Amina, RoleKind.Manager), new OutputAuthor(Vera, RoleKind.Researcher)],
                Venue = "5th Global Symposium on Health Systems Research, Liverpool",
                Insights = [new InsightId("kilifi-user-fees")],
            };
    }
}
