using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using CoProduction.Events;
using CoProduction.Programmes;
using CoProduction.Sites;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Tests.Sites;

public sealed class SiteHistoryTests
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static TheoryData<string> SiteNames => ["kilifi", "mitchells-plain", "sedibeng"];

    private static LearningSite Build(string name) => name switch
    {
        "kilifi" => PaperSites.Kilifi(),
        "mitchells-plain" => PaperSites.MitchellsPlain(),
        _ => PaperSites.Sedibeng(),
    };

    private static IDomainEvent RoundTrip(IDomainEvent e) => Persistence.StoredJson.RoundTrip(e);

    [Theory]
    [MemberData(nameof(SiteNames))]
    public void Replaying_a_site_history_gives_the_live_state(string name)
    {
        var live = Build(name);

        var replayed = LearningSite.Rehydrate(live.StreamId, live.History.ToArray());

        Assert.Equal(live.State, replayed.State);
        Assert.Equal(live.Version, replayed.CommittedVersion);
        Assert.Empty(replayed.UncommittedEvents);
    }

    [Theory]
    [MemberData(nameof(SiteNames))]
    public void Site_events_survive_a_json_round_trip_and_rebuild_the_same_state(string name)
    {
        var live = Build(name);

        var back = live.History.Select(e => RoundTrip(e)).ToArray();

        Assert.Equal(live.History.Cast<IDomainEvent>(), back);
        Assert.Equal(live.State, LearningSite.Rehydrate(live.StreamId, back).State);
    }

    [Fact]
    public void Programme_events_survive_a_json_round_trip_and_rebuild_the_same_state()
    {
        var live = PaperSites.Programme();

        var back = live.History.Select(e => RoundTrip(e)).ToArray();

        Assert.Equal(live.History.Cast<IDomainEvent>(), back);
        Assert.Equal(live.State, Programme.Rehydrate(live.StreamId, back).State);
    }

    [Fact]
    public void Dates_roles_and_ids_are_written_as_plain_json()
    {
        var e = new MemberJoinedRole(PaperSites.KilifiId, PaperSites.KilifiDirector, PaperSites.CountyDirector, new LocalDate(2013, 3, 27), PaperSites.At, PaperSites.Lead);

        var json = JsonSerializer.Serialize(e, Json);

        Assert.Contains("\"Site\":\"kilifi\"", json, StringComparison.Ordinal);
        Assert.Contains("\"On\":\"2013-03-27\"", json, StringComparison.Ordinal);
        Assert.Contains("\"By\":\"named:resyst-coordinator\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Country\":\"KE\"", JsonSerializer.Serialize(PaperSites.Kilifi().History[0], PaperSites.Kilifi().History[0].GetType(), Json), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_site_and_programme_event_has_a_unique_wire_name_with_its_aggregate_prefix()
    {
        var types = typeof(ISiteEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(ISiteEvent).IsAssignableFrom(t) || typeof(IProgrammeEvent).IsAssignableFrom(t)))
            .ToList();
        var names = types.Select(t => (Type: t, Name: t.GetCustomAttribute<EventNameAttribute>()?.Name)).ToList();

        Assert.Equal(13, types.Count);
        Assert.All(names, n => Assert.Matches(typeof(ISiteEvent).IsAssignableFrom(n.Type) ? "^site\\.[a-z-]+$" : "^programme\\.[a-z-]+$", n.Name));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_history_that_leaves_a_role_before_joining_it_cannot_be_replayed()
    {
        var site = PaperSites.Sedibeng();
        var history = new List<IDomainEvent>(site.History)
        {
            new MemberLeftRole(PaperSites.SedibengId, PaperSites.SedibengLeadResearcher, MemberRole.Researcher, new LocalDate(2013, 1, 1), PaperSites.At, PaperSites.Lead),
        };

        var ex = Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, history));

        Assert.Equal(history.Count, ex.Version);
        Assert.Contains("cannot leave it earlier", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("naming")]
    [InlineData("note")]
    public void A_history_that_records_what_the_commands_refuse_about_naming_and_erasure_cannot_be_replayed(string what)
    {
        var site = PaperSites.Kilifi();
        var history = new List<IDomainEvent>(site.History);
        var expected = what == "naming" ? "names its members by pseudonyms only already" : "who was erased";
        if (what == "naming")
        {
            history.Add(new MemberNamingChosen(PaperSites.KilifiId, MemberNaming.Pseudonyms, PaperSites.At, PaperSites.Lead));
            history.Add(new MemberNamingChosen(PaperSites.KilifiId, MemberNaming.Pseudonyms, PaperSites.At, PaperSites.Lead));
        }
        else
        {
            history.Add(new MemberErased(PaperSites.KilifiId, PaperSites.KilifiDirector, "the member", "a request", PaperSites.At, PaperSites.Lead));
            history.Add(new EngagementRecorded(PaperSites.KilifiId, PaperSites.KilifiDirector, new LocalDate(2019, 1, 15), EngagementKind.Workshop, "a note", PaperSites.At, PaperSites.Lead));
        }

        var ex = Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, history));

        Assert.Equal(history.Count, ex.Version);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_with_overlapping_tenure_or_an_unknown_member_cannot_be_replayed()
    {
        var site = PaperSites.Sedibeng();
        var overlap = new MemberJoinedRole(PaperSites.SedibengId, PaperSites.SedibengLeadResearcher, MemberRole.Researcher, new LocalDate(2016, 1, 1), PaperSites.At, PaperSites.Lead);
        var stranger = new MemberMarkedCore(PaperSites.SedibengId, new MemberId("stranger"), PaperSites.At, PaperSites.Lead);

        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, [.. site.History, overlap]));
        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, [.. site.History, stranger]));
        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, [.. site.History, site.History[0]]));
    }

    [Fact]
    public void A_history_must_start_with_the_registration_of_the_site_of_its_stream()
    {
        var site = PaperSites.Kilifi();

        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, []));
        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, site.History.Skip(1).ToArray()));
        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(PaperSites.Sedibeng().StreamId, site.History.ToArray()));
        Assert.Throws<InvalidHistoryException>(() => LearningSite.Rehydrate(site.StreamId, [.. site.History, PaperSites.Sedibeng().History[1]]));
    }
}
