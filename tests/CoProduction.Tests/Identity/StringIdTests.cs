using System;
using System.Text.Json;
using CoProduction.Persistence;

namespace CoProduction.Tests.Identity;

public sealed class StringIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" kilifi")]
    [InlineData("kilifi ")]
    [InlineData("kil\u0001ifi")]
    public void An_id_refuses_empty_padded_or_control_text(string text)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new SiteId(text));
        Assert.Contains(nameof(SiteId), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_refuses_null_with_an_argument_null_error()
        => Assert.Throws<ArgumentNullException>(() => new ProtocolId(null!));

    [Fact]
    public void Ids_are_equal_by_value_and_print_their_text()
    {
        Assert.Equal(new SiteId("kilifi"), SiteId.From("kilifi"));
        Assert.NotEqual(new SiteId("kilifi"), new SiteId("Kilifi"));
        Assert.Equal("KWTRP-2", new ProtocolId("KWTRP-2").ToString());
    }

    [Fact]
    public void An_id_is_a_bare_json_string_and_reads_back_equal()
    {
        var json = JsonSerializer.Serialize(new CycleId("kilifi-2016"));
        Assert.Equal("\"kilifi-2016\"", json);
        Assert.Equal(new CycleId("kilifi-2016"), JsonSerializer.Deserialize<CycleId>(json));
    }

    [Fact]
    public void Reading_an_invalid_id_from_json_fails_with_a_json_error()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SiteId>("\"  \""));

    [Fact]
    public void A_stream_id_joins_category_and_id()
        => Assert.Equal("cycle-kilifi-2016", StreamId.For("cycle", new CycleId("kilifi-2016")).Value);
}
