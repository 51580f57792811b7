using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.BadInput;

/// <summary>Counterexamples the fuzz test found, pinned on both stores: a stored history whose fold runs past the calendar is a typed error, and the store is unchanged.</summary>
public sealed class BadInputReplayTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_protocol_drafted_at_the_first_instant_NodaTime_knows_fails_to_load_as_an_invalid_history(string kind)
    {
        using var target = await Persistence.ImportTarget.CreateAsync(kind);
        var drafted = EventSerializer.Default.Serialize(Drafted("P-ANCIENT").UncommittedEvents.Single());
        var at = "-9998-01-01T00:00:00Z";
        var json = Encoding.UTF8.GetString(drafted.Payload.Span);
        var payload = Encoding.UTF8.GetBytes(json.Replace($"\"at\":\"{InstantPattern(drafted)}\"", $"\"at\":\"{at}\"", StringComparison.Ordinal));
        Assert.NotEqual(json, Encoding.UTF8.GetString(payload));
        var stream = BadInputWorld.Stream<Protocol, ProtocolId>(new("P-ANCIENT"));
        await target.Store.AppendAsync(stream, 0, [drafted with { Payload = payload }]);
        var before = await target.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<InvalidHistoryException>(async () => await new AggregateRepository<Protocol>(target.Store, EventSerializer.Default).LoadAsync(stream));

        Assert.Contains("ProtocolDrafted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await target.SnapshotAsync());
    }

    private static string InstantPattern(EventData e) => NodaTime.Text.InstantPattern.ExtendedIso.Format(e.RecordedAt);
}
