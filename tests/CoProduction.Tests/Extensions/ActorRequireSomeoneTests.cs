using System;
using System.Collections.Generic;
using CoProduction.Access;
using CoProduction.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Tests.Extensions;

/// <summary>
/// An actor an app configures names someone: the one check (<c>Actor.RequireSomeone</c>) refuses the system actor and
/// <c>default(Actor)</c> alike wherever an administrator, a reviewer or an endorsement delegate is given.
/// </summary>
public sealed class ActorRequireSomeoneTests
{
    public static TheoryData<string> Places => ["builder administrator", "builder delegate", "roster reviewer"];

    private static readonly Actor[] NoOne = [Actor.System, default];

    private static void Give(string place, Actor actor)
    {
        switch (place)
        {
            case "builder administrator":
                _ = new ServiceCollection().AddCoProduction().AddAdministrator(actor);
                break;
            case "builder delegate":
                _ = new ServiceCollection().AddCoProduction().AllowEndorsementDelegate(actor, new MemberId("amina"));
                break;
            default:
                _ = new CommitteeRoster([new CommitteeReviewer(new CommitteeId("kemri-seru"), actor, new LocalDate(2016, 1, 1))]);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void The_system_actor_and_no_actor_are_refused_saying_which_and_a_member_or_named_actor_is_kept(string place)
    {
        foreach (var actor in NoOne)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => Give(place, actor));
            Assert.Contains("is a member or a named actor; ", ex.Message, StringComparison.Ordinal);
            Assert.Contains(actor.IsSystem ? "the system actor is reserved for the library's sweeps" : "default(Actor) names no one", ex.Message, StringComparison.Ordinal);
        }

        Give(place, Actor.Member(new MemberId("amina")));
        Give(place, Actor.Named("research-office"));
    }

    [Fact]
    public void The_check_returns_the_actor_it_was_given_and_names_the_parameter_when_it_refuses()
    {
        var office = Actor.Named("research-office");
        Assert.Equal(office, office.RequireSomeone("An administrator", "administrator"));
        var ex = Assert.Throws<ArgumentException>(() => Actor.System.RequireSomeone("An administrator", "administrator"));
        Assert.Equal("administrator", ex.ParamName);
        Assert.StartsWith("An administrator is a member or a named actor; the system actor is reserved for the library's sweeps.", ex.Message, StringComparison.Ordinal);
    }
}
