using System;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using CoProduction.Tests.Sites;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Kernel;

/// <summary>Each documented limit (docs/limits.md), pinned by an example per public command family: the typed error, and nothing changed.</summary>
public sealed class InputLimitTests
{
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];

    private static InputLimitException Refused(InputRule rule, Action act)
    {
        var ex = Assert.Throws<InputLimitException>(act);
        Assert.Equal(rule, ex.Rule);
        return ex;
    }

    private static SiteRegistration Registration(string name, string id = "kilifi")
        => new(new SiteId(id), name, CountryCode.Kenya, Nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2009 };

    [Fact]
    public void An_id_has_at_most_128_characters_and_the_message_names_the_limit()
    {
        _ = new SiteId(new string('k', InputLimits.IdLength));
        var ex = Refused(InputRule.TooLong, () => new SiteId(new string('k', InputLimits.IdLength + 1)));

        Assert.Equal(InputLimits.IdLength, ex.Limit);
        Assert.Equal("value", ex.ParamName);
        Assert.Contains("SiteId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("128", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stream_ids_command_ids_and_actor_names_have_at_most_200_characters()
    {
        _ = new StreamId(new string('s', InputLimits.StreamIdLength));
        _ = new CommandId(new string('c', InputLimits.CommandIdLength));
        _ = Actor.Named(new string('a', InputLimits.ActorNameLength));

        Refused(InputRule.TooLong, () => new StreamId(new string('s', InputLimits.StreamIdLength + 1)));
        Refused(InputRule.TooLong, () => new CommandId(new string('c', InputLimits.CommandIdLength + 1)));
        Refused(InputRule.TooLong, () => Actor.Named(new string('a', InputLimits.ActorNameLength + 1)));
    }

    [Theory]
    [InlineData("kil\0ifi", InputRule.ControlCharacter)]
    [InlineData("kil\u001b[31mifi", InputRule.ControlCharacter)]
    [InlineData("kil\nifi", InputRule.ControlCharacter)]
    [InlineData("kil\u202Eifi", InputRule.BidiOverride)]
    [InlineData("kil\u2066ifi", InputRule.BidiOverride)]
    [InlineData("kil\u200Bifi", InputRule.ZeroWidth)]
    [InlineData("kil\uFEFFifi", InputRule.ZeroWidth)]
    [InlineData("   ", InputRule.Blank)]
    [InlineData("", InputRule.Blank)]
    [InlineData(" kilifi", InputRule.Padded)]
    [InlineData("kilifi\u00A0", InputRule.Padded)]
    public void Ids_refuse_hidden_characters_and_padding_with_the_rule_named(string id, InputRule rule)
    {
        var ex = Refused(rule, () => new SiteId(id));
        Assert.Contains(rule.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', ex.Message);
        Assert.DoesNotContain('\u202E', ex.Message);
    }

    [Fact]
    public void A_pair_of_surrogates_is_well_formed_and_accepted_in_ids_and_names()
    {
        Assert.Equal("site-🙂", new SiteId("site-🙂").Value);
        Assert.Equal("Kilifi 🙂", Registration("Kilifi 🙂").Name);
    }

    [Fact]
    public void Site_names_are_refused_over_200_characters_or_with_hidden_characters_and_nothing_is_registered()
    {
        _ = Registration(new string('n', InputLimits.NameLength));
        Refused(InputRule.TooLong, () => _ = Registration(new string('n', InputLimits.NameLength + 1)));
        Refused(InputRule.ControlCharacter, () => _ = Registration("Kilifi\u0007County"));
        Refused(InputRule.BidiOverride, () => _ = Registration("Kilifi \u202Eytnuoc"));
        Refused(InputRule.Blank, () => _ = Registration(" \t "));

        var site = PaperSites.Kilifi();
        var before = site.State;
        Refused(InputRule.ZeroWidth, () => site.AddMember(new MemberId("x"), "Ann\u200Be", PaperSites.Stamp));
        Refused(InputRule.TooLong, () => site.AddPartnerInstitution(new string('p', 201), PaperSites.Stamp));
        Assert.Same(before, site.State);
    }

    [Fact]
    public void A_sixteen_megabyte_name_is_refused_by_its_length_and_echoed_at_most_64_characters()
    {
        var huge = new string('n', 16 * 1024 * 1024);
        var ex = Refused(InputRule.TooLong, () => _ = Registration(huge));

        Assert.True(ex.Message.Length < 500, ex.Message);
        Assert.StartsWith(new string('n', InputLimits.EchoLength) + "…", ex.Echo, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_focus_and_activity_titles_are_names()
    {
        Refused(InputRule.TooLong, () => new CycleOpening(new CycleId("c"), KilifiSite.Site, 1, new string('f', 201)));
        Refused(InputRule.ControlCharacter, () => new CycleOpening(new CycleId("c"), KilifiSite.Site, 1, "Focus\r\nsecond line"));
        Refused(InputRule.Padded, () => new CycleOpening(new CycleId("c"), KilifiSite.Site, 1, "Focus "));
    }

    [Fact]
    public void Protocol_titles_are_names_and_reasons_are_free_text_of_at_most_10000_characters()
    {
        Refused(InputRule.TooLong, () => _ = new ProtocolDraft(new ProtocolId("P"), new string('t', 201), Kemri, KilifiFirstScope) { Institution = "KEMRI" });
        Refused(InputRule.BidiOverride, () => new ProtocolDraft(new ProtocolId("P"), "Title \u202D", Kemri, KilifiFirstScope) { Institution = "KEMRI" });

        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        var version = protocol.Version;
        Refused(InputRule.TooLong, () => protocol.RequestChanges(new string('r', InputLimits.TextLength + 1), Stamp(At(3), Committee)));
        Refused(InputRule.ControlCharacter, () => protocol.RequestChanges("see \u001b[2J attached", Stamp(At(3), Committee)));
        Assert.Equal(version, protocol.Version);

        protocol.RequestChanges(new string('r', InputLimits.TextLength - 20) + "\nline two\tand a tab", Stamp(At(3), Committee));
        Assert.Equal(version + 1, protocol.Version);
    }

    [Fact]
    public void Free_text_keeps_new_lines_tabs_and_invisible_joiners_but_refuses_other_controls_and_lone_surrogates()
    {
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), KilifiSite.Site, "Consent\r\n\tfrom managers 👩‍⚕️"), Stamp(At(1), Researcher));
        Refused(InputRule.ControlCharacter, () => dilemma.Discuss("notes\0", Stamp(At(2), Researcher)));
        Refused(InputRule.NotWellFormed, () => dilemma.Discuss("notes \uD83D", Stamp(At(2), Researcher)));
        Refused(InputRule.Blank, () => dilemma.Discuss("\n\t ", Stamp(At(2), Researcher)));
        Assert.Equal(1, dilemma.Version);
    }

    [Fact]
    public void Lists_have_at_most_1000_items()
    {
        var many = new ValueList<string>([.. System.Linq.Enumerable.Range(0, InputLimits.ListCount + 1).Select(i => $"Partner {i}")]);
        var ex = Refused(InputRule.TooMany, () => _ = Registration("Kilifi") with { PartnerInstitutions = many });
        Assert.Equal(InputLimits.ListCount, ex.Limit);

        var sites = new ValueList<SiteId>([.. System.Linq.Enumerable.Range(0, InputLimits.ListCount + 1).Select(i => new SiteId($"s{i}"))]);
        Refused(InputRule.TooMany, () => new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], sites));
        Refused(InputRule.Repeated, () => _ = Registration("Kilifi") with { PartnerInstitutions = ["KWTRP", "KWTRP"] });
    }

    [Fact]
    public void An_unknown_zone_id_of_a_megabyte_is_answered_with_a_truncated_echo_and_suggestions_from_its_start()
    {
        var huge = "Africa/Nairob" + new string('x', 1024 * 1024);
        var ex = Assert.Throws<UnknownTimeZoneException>(() => TimeZoneIds.Find(DateTimeZoneProviders.Tzdb, huge));

        Assert.Same(huge, ex.ZoneId);
        Assert.True(ex.Message.Length < 600, ex.Message);
        Assert.Contains("characters)", ex.Message, StringComparison.Ordinal);
        Assert.All(ex.Suggestions, s => Assert.StartsWith("Africa/", s, StringComparison.Ordinal));
        Assert.NotEmpty(ex.Suggestions);
    }

    [Fact]
    public void An_unknown_zone_keeps_its_suggestions_and_a_blank_one_is_a_typed_error()
    {
        var ex = Assert.Throws<UnknownTimeZoneException>(() => TimeZoneIds.Find(DateTimeZoneProviders.Tzdb, "Africa/Nairobbi"));
        Assert.Equal("Africa/Nairobi", ex.Suggestions[0]);
        Assert.Throws<UnknownTimeZoneException>(() => TimeZoneIds.Find(DateTimeZoneProviders.Tzdb, "Mars/Olympus_Mons"));
        Refused(InputRule.Blank, () => TimeZoneIds.Find(DateTimeZoneProviders.Tzdb, "  "));
    }

    [Fact]
    public void An_approval_before_the_Declaration_of_Helsinki_or_before_the_draft_is_refused_and_nothing_changes()
    {
        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        var before = protocol.State;

        var ancient = new LocalDate(1900, 1, 1);
        var ex = Assert.Throws<CommandRejectedException>(() => protocol.Approve(ancient, ApprovalPeriod.OpenEnded(ancient), Stamp(At(3), Committee)));
        Assert.Contains("1964-06-01", ex.Message, StringComparison.Ordinal);

        var beforeDraft = T0.InUtc().Date.PlusDays(-10);
        ex = Assert.Throws<CommandRejectedException>(() => protocol.Approve(beforeDraft, ApprovalPeriod.OpenEnded(beforeDraft), Stamp(At(3), Committee)));
        Assert.Contains("before protocol 'KWTRP-1' was drafted", ex.Message, StringComparison.Ordinal);
        Assert.Same(before, protocol.State);
    }

    [Fact]
    public void A_protocol_recorded_after_the_fact_gives_its_drafting_date_and_may_then_be_approved_in_the_past()
    {
        var draftedOn = new LocalDate(2012, 5, 2);
        var protocol = Protocol.Draft(Draft() with { DraftedOn = draftedOn }, Context(At(0), Researcher));
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        protocol.Approve(new LocalDate(2012, 6, 1), ApprovalPeriod.OpenEnded(new LocalDate(2012, 6, 1)), Stamp(At(3), Committee));

        Assert.Equal(draftedOn, protocol.State.DraftedOn);
        var second = Protocol.Draft(Draft("P-2") with { DraftedOn = draftedOn }, Context(At(0), Researcher));
        second.Submit(Stamp(At(1), Researcher));
        second.StartReview(Stamp(At(2), Committee));
        Assert.Throws<CommandRejectedException>(() => second.Approve(draftedOn.PlusDays(-1), ApprovalPeriod.OpenEnded(draftedOn.PlusDays(-1)), Stamp(At(3), Committee)));
        Refused(InputRule.Implausible, () => _ = Draft() with { DraftedOn = new LocalDate(1950, 1, 1) });
    }

    [Fact]
    public void A_drafting_date_after_the_day_the_draft_is_recorded_is_refused_in_every_zone_and_the_latest_zone_s_today_is_allowed()
    {
        var at = At(0);
        var latestToday = at.Plus(Duration.FromHours(14)).InUtc().Date;

        var ex = Assert.Throws<InputLimitException>(() => Protocol.Draft(Draft() with { DraftedOn = latestToday.PlusDays(1) }, Context(at, Researcher)));
        Assert.Equal((InputRule.Implausible, nameof(ProtocolDraft.DraftedOn)), (ex.Rule, ex.ParamName));
        Assert.Contains("after the day it is recorded", ex.Message, StringComparison.Ordinal);

        Assert.Equal(latestToday, Protocol.Draft(Draft() with { DraftedOn = latestToday }, Context(at, Researcher)).State.DraftedOn);
    }

    [Fact]
    public void Every_aggregate_refuses_a_command_dated_before_its_latest_event()
    {
        var site = PaperSites.Kilifi();
        var earlier = new Stamp(site.History[^1].At - Duration.FromSeconds(1), PaperSites.Lead);
        Assert.Throws<CommandRejectedException>(() => site.AddPartnerInstitution("Pwani University", earlier));

        var protocol = Drafted();
        Assert.Throws<CommandRejectedException>(() => protocol.Submit(Stamp(At(-1), Researcher)));

        var cycle = KilifiSite.Start();
        var cycleVersion = cycle.Version;
        Assert.Throws<CommandRejectedException>(() => cycle.Abandon("merged", KilifiSite.Rules().At(KilifiSite.On(2015, 1, 1), KilifiSite.ByResearcher)));
        Assert.Equal(cycleVersion, cycle.Version);

        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), KilifiSite.Site, "consent"), Stamp(At(5), Researcher));
        Assert.Throws<CommandRejectedException>(() => dilemma.Discuss("notes", Stamp(At(4), Researcher)));
        Assert.Equal(1, dilemma.Version);
    }
}
