using System;
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

    /// <summary>The known sites, and the Kenyan policy (or another) for the Kemri committee.</summary>
    public static ProtocolRules Rules(CommitteePolicy? policy = null)
        => new(KnownSites, new Dictionary<CommitteeId, CommitteePolicy> { [Kemri] = policy ?? CommitteePolicies.KenyaNationalCommittee });

    public static Stamp Stamp(Instant at, Actor by) => new(at, by);

    public static ProtocolContext Context(Instant at, Actor by, CommitteePolicy? policy = null) => new(new Stamp(at, by), Rules(policy));

    public static ProtocolDraft Draft(string id = "KWTRP-1", ProtocolScope? scope = null, ProtocolKind kind = ProtocolKind.Main, ProtocolId? parent = null)
        => new(new ProtocolId(id), "Governance in a county health system", Kemri, scope ?? KilifiFirstScope)
        {
            Institution = "KEMRI-Wellcome Trust",
            Kind = kind,
            Parent = parent,
        };

    public static Protocol Drafted(string id = "KWTRP-1", ProtocolScope? scope = null, ProtocolKind kind = ProtocolKind.Main, ProtocolId? parent = null)
        => Protocol.Draft(Draft(id, scope, kind, parent), Context(At(0), Researcher));

    public static Protocol Approved(string id = "KWTRP-1", ProtocolScope? scope = null, LocalDate? start = null, ProtocolKind kind = ProtocolKind.Main, ProtocolId? parent = null)
    {
        var protocol = Drafted(id, scope, kind, parent);
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        var from = start ?? new LocalDate(2015, 3, 1);
        protocol.Approve(from, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(from), Stamp(At(3), Committee));
        return protocol;
    }

    /// <summary>Drafts an amendment on <paramref name="today"/>.</summary>
    public static Amendment DraftAmendment(Protocol protocol, string id, AmendmentChanges changes, LocalDate today, Instant at, string rationale = "learning evolved", bool substantial = true)
        => Amendment.Draft(new AmendmentDraft(new AmendmentId(id), rationale, changes) { Substantial = substantial }, protocol, today, Context(at, Researcher));

    public static ResearchActivity Activity(DataCollectionMethod method, RespondentGroup group, SiteId site, LocalDate date, string title = "fieldwork")
        => new(title, method, group, site, date);

    public static Amendment ApprovedAmendment(Protocol protocol, string id, AmendmentChanges changes, LocalDate approvedOn, int day = 10)
    {
        var amendment = DraftAmendment(protocol, id, changes, approvedOn, At(day));
        amendment.Submit(Stamp(At(day), Researcher));
        protocol.LodgeAmendment(amendment, Stamp(At(day), Researcher));
        amendment.StartReview(Stamp(At(day + 1), Committee));
        amendment.Approve(approvedOn, Stamp(At(day + 2), Committee));
        return amendment;
    }

    public static string[] Serialize(IEnumerable<IDomainEvent> events)
        => [.. events.Select(e => JsonSerializer.Serialize(e, e.GetType(), Json))];

    /// <summary>Through the serializer the stores use: wire name, schema version, strict reading.</summary>
    public static List<IDomainEvent> RoundTrip(IEnumerable<IDomainEvent> events) => Persistence.StoredJson.RoundTrip(events);

    public static ValueList<ScopeItem> Items(params ScopeItem[] items) => [.. items];

    /// <summary>
    /// Runs a command that a rule of the domain must refuse and checks the refusal word for word: its trigger, the one
    /// reason, the reason in the message, and that the aggregate's state and history are as they were.
    /// </summary>
    public static void AssertRefusedByRule<TAggregate>(TAggregate aggregate, Func<TAggregate, object> state, Action<TAggregate> command, Enum trigger, string reason, string what)
        where TAggregate : IEventSourcedAggregate
    {
        var (before, version) = (state(aggregate), aggregate.Version);
        var refused = Assert.Throws<CommandRejectedException>(() => command(aggregate));

        Assert.Equal(trigger, refused.Trigger);
        Assert.Equal(RefusalKind.RuleBroken, refused.Refusal.Kind);
        Assert.True(refused.Refusal.Reasons.Count == 1 && refused.Refusal.Reasons[0] == reason, $"{what}: {string.Join(" | ", refused.Refusal.Reasons)}");
        Assert.Contains(reason, refused.Message, System.StringComparison.Ordinal);
        Assert.Same(before, state(aggregate));
        Assert.Equal(version, aggregate.Version);
    }
}
