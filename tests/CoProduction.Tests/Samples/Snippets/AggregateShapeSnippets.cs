using System;
using System.Linq;
using CoProduction.Ethics;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/aggregate-shape.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).
public sealed class AggregateShapeSnippets
{
    [Fact]
    public void A_command_takes_a_stamp_and_a_refusal_is_data()
    {
        var clock = new FakeClock(Instant.FromUtc(2017, 5, 2, 7, 0));
        string shown = string.Empty;

        #region shape-stamp-and-refusal
        var stamp = new Stamp(clock.GetCurrentInstant(), Actor.Member(new MemberId("lucy")));
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("mp-journals"), new SiteId("mitchells-plain"),
            "A facility manager asks to read another manager's journal"), stamp);
        try
        {
            dilemma.Resolve("agreed to keep journals private", stamp);   // Raised: it must be discussed first
        }
        catch (CommandRejectedException e) when (e.Refusal.Kind == RefusalKind.NotPossibleInState)
        {
            // e.State is DilemmaStatus.Raised, e.Trigger is DilemmaTrigger.Resolve, e.PermittedTriggers holds Discuss.
            shown = string.Join("; ", e.Reasons);   // "Resolve is not possible in Raised"
        }

        foreach (var a in dilemma.Availability())
        {
            var why = a.IsPermitted ? "possible" : $"{a.Refusal!.Kind}: {string.Join("; ", a.Reasons)}";
            Console.WriteLine($"{a.Trigger}: {why}");
        }
        #endregion

        Assert.Equal("Resolve is not possible in Raised", shown);
        Assert.Equal([DilemmaTrigger.Discuss], dilemma.Availability().Where(a => a.IsPermitted).Select(a => a.Trigger));
        Assert.Equal(1, dilemma.Version);
    }
}
