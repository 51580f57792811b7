using System;
using System.Text.Json;

namespace CoProduction.Tests.Identity;

public sealed class ActorTests
{
    [Fact]
    public void A_member_actor_and_a_named_actor_have_distinct_text_forms()
    {
        Assert.Equal("member:jane", Actor.Member(new MemberId("jane")).ToString());
        Assert.Equal("named:ethics-office", Actor.Named("ethics-office").ToString());
        Assert.Equal("named:system", Actor.System.ToString());
    }

    [Theory]
    [InlineData("member:jane")]
    [InlineData("named:ethics-office")]
    public void Parsing_the_text_form_gives_the_same_actor(string text)
        => Assert.Equal(text, Actor.Parse(text).ToString());

    [Theory]
    [InlineData("jane")]
    [InlineData("member:")]
    [InlineData("robot:r2")]
    public void Parsing_anything_else_fails_with_a_format_error(string text)
        => Assert.Throws<FormatException>(() => Actor.Parse(text));

    [Fact]
    public void An_actor_survives_a_json_round_trip()
    {
        var actor = Actor.Member(new MemberId("jane"));
        Assert.Equal(actor, JsonSerializer.Deserialize<Actor>(JsonSerializer.Serialize(actor)));
    }
}
