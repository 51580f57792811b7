using System;
using System.Linq;
using System.Text.Json;
using CoProduction.Cycles;
using CoProduction.Programmes;
using CoProduction.Sites;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Tests.Sites;

public sealed class ProgrammeTests
{
    private static readonly ProtocolId Umbrella = new("resyst-umbrella");

    [Fact]
    public void The_paper_programme_has_its_period_three_sites_and_an_umbrella_protocol()
    {
        var programme = PaperSites.Programme();

        Assert.Equal("programme-resyst", programme.StreamId.Value);
        Assert.Equal(new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31)), programme.State.Period);
        Assert.Equal([PaperSites.KilifiId, PaperSites.MitchellsPlainId, PaperSites.SedibengId], programme.State.Sites);
        Assert.Equal([Umbrella], programme.State.UmbrellaProtocols);
    }

    [Fact]
    public void A_site_or_protocol_added_twice_is_rejected_and_nothing_changes()
    {
        var programme = PaperSites.Programme();
        var state = programme.State;

        var site = Assert.Throws<CommandRejectedException>(() => programme.AddSite(PaperSites.SedibengId, PaperSites.Stamp));
        var protocol = Assert.Throws<CommandRejectedException>(() => programme.LinkUmbrellaProtocol(Umbrella, PaperSites.Stamp));

        Assert.Same(state, programme.State);
        Assert.Equal(ProgrammeTrigger.AddSite, site.Trigger);
        Assert.Contains("site 'sedibeng' is already in programme 'resyst'", site.Message, StringComparison.Ordinal);
        Assert.Equal([ProgrammeTrigger.AddSite, ProgrammeTrigger.LinkUmbrellaProtocol], protocol.PermittedTriggers.Cast<ProgrammeTrigger>());
    }

    [Fact]
    public void Malformed_programme_arguments_are_argument_errors()
    {
        var period = new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31));
        Assert.Throws<ArgumentException>(() => Programme.Register(new ProgrammeRegistration(default, "RESYST", period), PaperSites.Stamp));
        Assert.Throws<ArgumentException>(() => Programme.Register(new ProgrammeRegistration(PaperSites.Resyst, "RESYST ", period), PaperSites.Stamp));
        Assert.Throws<ArgumentNullException>(() => Programme.Register(new ProgrammeRegistration(PaperSites.Resyst, "RESYST", null!), PaperSites.Stamp));
        Assert.Throws<ArgumentException>(() => PaperSites.Programme().AddSite(default, PaperSites.Stamp));
    }

    [Fact]
    public void The_summary_shows_members_per_site_open_cycles_and_protocols_in_force()
    {
        var on = new LocalDate(2016, 6, 1);
        OpenCycleSummary[] cycles =
        [
            new(new CycleId("mp-13"), PaperSites.MitchellsPlainId, 13, CycleStage.Acting),
            new(new CycleId("kilifi-4"), PaperSites.KilifiId, 4, CycleStage.Reflecting),
            new(new CycleId("mp-12"), PaperSites.MitchellsPlainId, 12, CycleStage.Paused),
            new(new CycleId("elsewhere-1"), new SiteId("elsewhere"), 1, CycleStage.Planning),
        ];
        ProtocolInForceSummary[] protocols =
        [
            new(new ProtocolId("kwtrp-2"), 1, "Kilifi sub-study", new LocalDate(2016, 5, 31)),
            new(Umbrella, 3, "RESYST umbrella protocol", new LocalDate(2016, 12, 31)),
            new(new ProtocolId("dialhs"), 2, "DIALHS", on),
        ];

        var summary = ProgrammeSummary.Create(PaperSites.Programme().State, PaperSites.Roster(), cycles, protocols, on);

        Assert.Equal(["kilifi", "mitchells-plain", "sedibeng"], summary.Sites.Select(s => s.Site.Value));
        var kilifi = summary.Sites[0];
        var mitchellsPlain = summary.Sites[1];
        var sedibeng = summary.Sites[2];
        Assert.Equal((3, 2), (kilifi.ActiveMembers, kilifi.ActiveCoreMembers));
        Assert.Equal([new RoleHeadcount(RoleKind.Researcher, 1), new RoleHeadcount(RoleKind.Manager, 2), new RoleHeadcount(RoleKind.ExternalFacilitator, 1)], mitchellsPlain.ByRole);
        Assert.Equal([12, 13], mitchellsPlain.OpenCycles.Select(c => c.Number));
        Assert.Equal(CycleStage.Reflecting, Assert.Single(kilifi.OpenCycles).Stage);
        Assert.Empty(sedibeng.OpenCycles);
        Assert.Equal((3, 2), (sedibeng.ActiveMembers, sedibeng.ActiveCoreMembers));
        Assert.Equal(["dialhs", "resyst-umbrella"], summary.ProtocolsInForce.Select(p => p.Protocol.Value));
    }

    [Fact]
    public void The_summary_is_plain_data_that_survives_json()
    {
        var json = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        var summary = ProgrammeSummary.Create(
            PaperSites.Programme().State, PaperSites.Roster(), [new(new CycleId("kilifi-4"), PaperSites.KilifiId, 4, CycleStage.Acting)], [], new LocalDate(2017, 3, 1));

        var back = JsonSerializer.Deserialize<ProgrammeSummary>(JsonSerializer.Serialize(summary, json), json);

        Assert.Equal(summary, back);
    }

    [Fact]
    public void A_summary_needs_every_site_of_the_programme_in_the_roster()
        => Assert.Throws<ArgumentException>(() => ProgrammeSummary.Create(
            PaperSites.Programme().State, TeamRoster.Of(PaperSites.Kilifi().State), [], [], new LocalDate(2016, 1, 1)));
}
