using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Protocols;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Tests.Protocols;

internal static class ProtocolFixtures
{
    public static readonly SiteId Kilifi = new("kilifi");
    public static readonly SiteId MitchellsPlain = new("mitchells-plain");
    public static readonly SiteId Sedibeng = new("sedibeng");
    public static readonly IReadOnlySet<SiteId> KnownSites = new HashSet<SiteId> { Kilifi, MitchellsPlain, Sedibeng };
    public static readonly CommitteeId Kemri = new("kemri-seru");
    public static readonly Actor Researcher = Actor.Member(new MemberId("jo"));
    public static readonly Actor Committee = Actor.Named("ethics-office");
    public static readonly Instant T0 = Instant.FromUtc(2015, 1, 5, 7, 0);

    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static Instant At(int day) => T0.Plus(Duration.FromDays(day));

    /// <summary>Kilifi's first protocol: observation, document review and interviews with county managers.</summary>
    public static ProtocolScope KilifiFirstScope { get; } = new(
        [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview],
        [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers],
        [Kilifi]);

    public static Protocol Drafted(string id = "KWTRP-1", ProtocolScope? scope = null, ProtocolKind kind = ProtocolKind.Main, ProtocolId? parent = null)
        => Protocol.Draft(new ProtocolId(id), kind, "Governance in a county health system", "KEMRI-Wellcome Trust", Kemri, scope ?? KilifiFirstScope, KnownSites, At(0), Researcher, parent);

    public static Protocol Approved(string id = "KWTRP-1", ProtocolScope? scope = null, LocalDate? start = null, ProtocolKind kind = ProtocolKind.Main, ProtocolId? parent = null)
    {
        var protocol = Drafted(id, scope, kind, parent);
        protocol.Submit(At(1), Researcher);
        protocol.StartReview(At(2), Committee);
        var from = start ?? new LocalDate(2015, 3, 1);
        protocol.Approve(from, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(from), At(3), Committee);
        return protocol;
    }

    public static ResearchActivity Activity(DataCollectionMethod method, RespondentGroup group, SiteId site, LocalDate date, string title = "fieldwork")
        => new(title, method, group, site, date);

    public static Amendment ApprovedAmendment(Protocol protocol, string id, AmendmentChanges changes, LocalDate approvedOn, int day = 10)
    {
        var amendment = Amendment.Draft(new AmendmentId(id), protocol, approvedOn, "learning evolved", true, changes, KnownSites, At(day), Researcher);
        amendment.Submit(At(day), Researcher);
        protocol.LodgeAmendment(amendment, At(day), Researcher);
        amendment.StartReview(At(day + 1), Committee);
        amendment.Approve(approvedOn, At(day + 2), Committee);
        return amendment;
    }

    public static string[] Serialize(IEnumerable<IDomainEvent> events)
        => [.. events.Select(e => JsonSerializer.Serialize(e, e.GetType(), Json))];

    /// <summary>Through the serializer the stores use: wire name, schema version, strict reading.</summary>
    public static List<IDomainEvent> RoundTrip(IEnumerable<IDomainEvent> events) => Persistence.StoredJson.RoundTrip(events);

    public static ValueList<ScopeItem> Items(params ScopeItem[] items) => [.. items];
}
