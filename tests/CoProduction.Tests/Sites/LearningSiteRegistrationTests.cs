using System.Linq;
using System;
using CoProduction.Sites;
using NodaTime;
using NodaTime.TimeZones;

namespace CoProduction.Tests.Sites;

public sealed class LearningSiteRegistrationTests
{
    private static LearningSite RegisterIn(string zoneId)
        => LearningSite.Register(Registration(new SiteId("test"), "Test site", TimeZoneIds.Find(PaperSites.Zones, zoneId)), PaperSites.Stamp);

    private static SiteRegistration Registration(SiteId id, string name, DateTimeZone zone)
        => new(id, name, CountryCode.Kenya, zone) { Level = SiteLevel.County, EngagedSinceYear = 2012 };

    [Fact]
    public void The_paper_sites_register_with_their_country_level_and_zone()
    {
        var kilifi = PaperSites.Kilifi().State;
        var mitchellsPlain = PaperSites.MitchellsPlain().State;
        var sedibeng = PaperSites.Sedibeng().State;

        Assert.Equal(("Kilifi County", "KE", SiteLevel.County, "Africa/Nairobi"), (kilifi.Name, kilifi.Country.Value, kilifi.Level, kilifi.TimeZoneId));
        Assert.Equal(("ZA", SiteLevel.SubDistrict, "Africa/Johannesburg"), (mitchellsPlain.Country.Value, mitchellsPlain.Level, mitchellsPlain.TimeZoneId));
        Assert.Equal(("ZA", SiteLevel.District, 2008), (sedibeng.Country.Value, sedibeng.Level, sedibeng.EngagedSinceYear));
        Assert.Equal(2, mitchellsPlain.PartnerInstitutions.Count);
        Assert.Equal(DateTimeZoneProviders.Tzdb["Africa/Nairobi"], kilifi.ZoneIn(PaperSites.Zones));
    }

    [Fact]
    public void A_new_site_has_one_uncommitted_registration_event_on_its_stream()
    {
        var site = PaperSites.Kilifi();
        var fresh = RegisterIn("Africa/Nairobi");

        Assert.Equal("site-kilifi", site.StreamId.Value);
        Assert.Equal(1, fresh.Version);
        Assert.Equal(0, fresh.CommittedVersion);
        Assert.IsType<SiteRegistered>(Assert.Single(fresh.UncommittedEvents));
    }

    [Theory]
    [InlineData("Africa/Nairobbi", "Africa/Nairobi")]
    [InlineData("Nairobi", "Africa/Nairobi")]
    [InlineData("africa/johannesburg", "Africa/Johannesburg")]
    [InlineData("Africa/Johannesberg", "Africa/Johannesburg")]
    public void An_unknown_zone_id_fails_with_the_closest_valid_id_suggested_first(string given, string expected)
    {
        var ex = Assert.Throws<UnknownTimeZoneException>(() => RegisterIn(given));

        Assert.Equal(given, ex.ZoneId);
        Assert.Equal(expected, ex.Suggestions[0]);
        Assert.InRange(ex.Suggestions.Count, 1, 3);
        Assert.Contains($"Did you mean '{expected}'", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CoProductionException>(ex);
    }

    [Fact]
    public void A_zone_id_far_from_every_id_fails_with_a_hint_at_the_expected_form()
    {
        var ex = Assert.Throws<UnknownTimeZoneException>(() => RegisterIn("Not a zone at all, really"));

        Assert.Empty(ex.Suggestions);
        Assert.Contains("'Africa/Nairobi'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_zone_is_checked_against_the_injected_provider_not_a_global_one()
    {
        var onlyUtc = new NodaTime.Testing.TimeZones.FakeDateTimeZoneSource.Builder { DateTimeZone.Utc }.Build();
        var provider = new DateTimeZoneCache(onlyUtc);

        var ex = Assert.Throws<UnknownTimeZoneException>(() => TimeZoneIds.Find(provider, "Africa/Nairobi"));
        Assert.Contains(provider.VersionId, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ke")]
    [InlineData("KEN")]
    [InlineData("UK")]
    [InlineData("")]
    public void A_country_code_must_be_an_assigned_iso_3166_alpha_2_code(string code)
        => Assert.Throws<ArgumentException>(() => new CountryCode(code));

    [Fact]
    public void A_lower_case_country_code_is_refused_with_the_upper_case_form_suggested()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CountryCode("za"));
        Assert.Contains("Did you mean 'ZA'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_registration_arguments_are_argument_errors()
    {
        var nairobi = PaperSites.Zones["Africa/Nairobi"];
        Assert.Throws<ArgumentException>(() => Registration(default, "X", nairobi));
        Assert.Equal(InputRule.Blank, Assert.Throws<InputLimitException>(() => Registration(new SiteId("x"), " ", nairobi)).Rule);
        Assert.Equal(InputRule.Padded, Assert.Throws<InputLimitException>(() => Registration(new SiteId("x"), " X", nairobi)).Rule);
        Assert.Throws<ArgumentNullException>(() => Registration(new SiteId("x"), "X", null!));
        Assert.Throws<ArgumentException>(() => new SiteRegistration(new SiteId("x"), "X", default, nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2012 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Registration(new SiteId("x"), "X", nairobi) with { Level = (SiteLevel)9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Registration(new SiteId("x"), "X", nairobi) with { EngagedSinceYear = 1850 });
        Assert.Equal(InputRule.Repeated, Assert.Throws<InputLimitException>(() => Registration(new SiteId("x"), "X", nairobi) with { PartnerInstitutions = ["KWTRP", "KWTRP"] }).Rule);
        Assert.Throws<ArgumentException>(() => LearningSite.Register(Registration(new SiteId("x"), "X", nairobi), default));
    }

    [Fact]
    public void A_partner_institution_added_twice_is_rejected_and_nothing_changes()
    {
        var site = PaperSites.Sedibeng();
        var before = site.State;

        var ex = Assert.Throws<CommandRejectedException>(
            () => site.AddPartnerInstitution("Centre for Health Policy, University of the Witwatersrand", PaperSites.Stamp));

        Assert.Equal(SiteTrigger.AddPartnerInstitution, ex.Trigger);
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Same(before, site.State);
        site.AddPartnerInstitution("Gauteng Department of Health", PaperSites.Stamp);
        Assert.Equal(2, site.State.PartnerInstitutions.Count);
    }
}
