using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ledger;
using CoProduction.Sites;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

/// <summary>What a generated engagement command does.</summary>
public enum EngagementCommandKind
{
    /// <summary><see cref="WiderEngagement.AddEffort"/>.</summary>
    AddEffort,

    /// <summary><see cref="WiderEngagement.AddCost"/>.</summary>
    AddCost,

    /// <summary><see cref="WiderEngagement.LinkInsight"/>.</summary>
    LinkInsight,

    /// <summary><see cref="WiderEngagement.Retract"/>.</summary>
    Retract,
}

/// <summary>One generated command on a wider engagement, issued some hours after the previous one (negative: out of order).</summary>
/// <param name="Kind">Which command.</param>
/// <param name="Site">The site of an effort or cost entry.</param>
/// <param name="Role">The role of an effort entry.</param>
/// <param name="Quantity">The person-hours of an effort entry, or the amount of a cost.</param>
/// <param name="Currency">The currency of a cost.</param>
/// <param name="Text">The cost's item, the insight's id, or the retraction's reason.</param>
/// <param name="Hours">Hours after the previous command.</param>
public sealed record EngagementCommand(EngagementCommandKind Kind, string Site, RoleKind Role, decimal Quantity, string Currency, string Text, int Hours)
{
    /// <summary>Reads as the command.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        EngagementCommandKind.AddEffort => $"AddEffort({Site}, {Role}, {Quantity})",
        EngagementCommandKind.AddCost => $"AddCost({Site}, \"{Text}\", {Quantity} {Currency})",
        EngagementCommandKind.LinkInsight => $"LinkInsight(\"{Text}\")",
        _ => $"Retract(\"{Text}\")",
    } + $" +{Hours}h";
}

/// <summary>Generated engagement histories against a plain model: replay equals live, the JSON round trip holds, a refused command changes nothing, the effort total is the sum of its entries, the model predicts every decision.</summary>
public sealed class LedgerEngagementProperties
{
    private static readonly string[] Involved = ["kilifi", "mitchells-plain"];

    private static readonly Gen<EngagementCommand> Command =
        from kind in Gen.Frequency(
            (4, Gen.Constant(EngagementCommandKind.AddEffort)), (3, Gen.Constant(EngagementCommandKind.AddCost)),
            (2, Gen.Constant(EngagementCommandKind.LinkInsight)), (1, Gen.Constant(EngagementCommandKind.Retract)))
        from site in Gen.Elements("kilifi", "mitchells-plain", "sedibeng")
        from role in Gen.Elements(RoleKind.Researcher, RoleKind.Manager, RoleKind.HealthWorker, (RoleKind)0)
        from quantity in Gen.Elements(8m, 2.5m, 0.25m, 1200.5m, 0m, -1m, 1.005m, 100_001m)
        from currency in Gen.Elements("KES", "ZAR", "GBP", "kes")
        from text in Gen.Elements("kilifi-user-fees", "dialhs-leadership", "fuel", " padded", string.Empty)
        from hours in Gen.Frequency((9, Gen.Choose(0, 48)), (1, Gen.Choose(-48, -1)))
        select new EngagementCommand(kind, site, role, quantity, currency, text, hours);

    public static Arbitrary<EngagementCommand[]> Scenarios { get; } = Command.ArrayOf().Select(c => c.Take(20).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property An_engagement_replays_to_its_live_state_refusals_change_nothing_and_its_effort_total_is_the_sum_of_its_entries()
        => Prop.ForAll(Scenarios, commands =>
        {
            var (engagement, violations) = Run(commands);
            return (violations.Count == 0
                && engagement.State.TotalPersonHours == engagement.State.Effort.Sum(e => e.PersonHours)
                && Enum.GetValues<RoleKind>().Sum(r => engagement.State.PersonHoursBy(r)) == engagement.State.TotalPersonHours
                && AggregateLaws.ReplayGivesTheLiveState(engagement, engagement.History, e => e.State)
                && AggregateLaws.TheStoredJsonGivesTheLiveState(engagement, engagement.History, e => e.State)).Label(string.Join("\n", violations));
        });

    private static (WiderEngagement Engagement, List<string> Violations) Run(EngagementCommand[] commands)
    {
        var at = At(10);
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("mp-exchange-kilifi"), new SiteId("mitchells-plain"), "Managerial exchange visit to Kilifi", new LocalDate(2016, 9, 5),
                new WiderActivity(WiderActivityKind.ExchangeVisit, "exchange visit to Kenya"))
            {
                Participants = [new EngagementParticipant(new MemberId("thabo"), new SiteId("mitchells-plain")), new EngagementParticipant(new MemberId("benjamin"), new SiteId("kilifi"))],
                Insights = [new InsightId("kilifi-user-fees")],
            },
            Stamp(at, Researcher));

        // The plain model.
        var latest = at;
        var retracted = false;
        var insights = new List<string> { "kilifi-user-fees" };
        var hours = 0m;
        var costs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var text = command.Text;
            var siteInvolved = Involved.Contains(command.Site);
            var (wellFormed, ruleMet) = command.Kind switch
            {
                EngagementCommandKind.AddEffort => (Enum.IsDefined(command.Role) && command.Quantity > 0 && command.Quantity <= 100_000m && command.Quantity == Math.Round(command.Quantity, 2), siteInvolved),
                EngagementCommandKind.AddCost => (text.Length > 0 && text.Trim() == text && command.Currency == command.Currency.ToUpperInvariant() && command.Quantity > 0 && command.Quantity == Math.Round(command.Quantity, 4), siteInvolved),
                EngagementCommandKind.LinkInsight => (text.Length > 0 && text.Trim() == text, !insights.Contains(text)),
                _ => (!string.IsNullOrWhiteSpace(text), true),
            };
            var expected = wellFormed && ruleMet && !retracted && at >= latest;
            var (before, version) = (engagement.State, engagement.Version);
            try
            {
                var stamp = Stamp(at, Researcher);
                var site = new SiteId(command.Site);
                switch (command.Kind)
                {
                    case EngagementCommandKind.AddEffort:
                        engagement.AddEffort(new EffortEntry(site, command.Role, command.Quantity), stamp);
                        hours += command.Quantity;
                        break;
                    case EngagementCommandKind.AddCost:
                        engagement.AddCost(new CostEntry(site, text, new Money(command.Quantity, new CurrencyCode(command.Currency))), stamp);
                        costs[command.Currency] = costs.GetValueOrDefault(command.Currency) + command.Quantity;
                        break;
                    case EngagementCommandKind.LinkInsight:
                        engagement.LinkInsight(new InsightId(text), stamp);
                        insights.Add(text);
                        break;
                    default:
                        engagement.Retract(text, stamp);
                        retracted = true;
                        break;
                }

                latest = at;
                if (!expected)
                {
                    violations.Add($"{command} was accepted; the model refuses it");
                }
            }
            catch (Exception ex) when (ex is CommandRejectedException or ArgumentException)
            {
                if (expected)
                {
                    violations.Add($"{command} was refused ({ex.Message}); the model accepts it");
                }

                if (!ReferenceEquals(before, engagement.State) || version != engagement.Version)
                {
                    violations.Add($"{command} was refused but changed something");
                }
            }
        }

        if (hours != engagement.State.TotalPersonHours
            || !insights.SequenceEqual(engagement.State.Insights.Select(i => i.Value))
            || !costs.OrderBy(c => c.Key, StringComparer.Ordinal).SequenceEqual(engagement.State.CostTotals().Select(m => KeyValuePair.Create(m.Currency.Value, m.Amount)).OrderBy(c => c.Key, StringComparer.Ordinal))
            || retracted != (engagement.Status == WiderEngagementStatus.Retracted))
        {
            violations.Add("the model and the engagement disagree on the hours, the costs, the insights or the stage");
        }

        return (engagement, violations);
    }
}
