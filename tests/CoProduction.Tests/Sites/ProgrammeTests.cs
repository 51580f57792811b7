using System;
using System.Linq;
using CoProduction.Programmes;
using NodaTime;

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
        Assert.Equal(InputRule.Padded, Assert.Throws<InputLimitException>(() => Programme.Register(new ProgrammeRegistration(PaperSites.Resyst, "RESYST ", period), PaperSites.Stamp)).Rule);
        Assert.Throws<ArgumentNullException>(() => Programme.Register(new ProgrammeRegistration(PaperSites.Resyst, "RESYST", null!), PaperSites.Stamp));
        Assert.Throws<ArgumentException>(() => PaperSites.Programme().AddSite(default, PaperSites.Stamp));
    }
}
