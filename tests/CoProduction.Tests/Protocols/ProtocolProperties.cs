using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Protocols;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

public sealed class ProtocolProperties
{
    private static readonly LocalDate Origin = new(2015, 3, 1);

    private static readonly ScopeItem[] Universe =
    [
        ScopeItem.Of(DataCollectionMethod.Observation), ScopeItem.Of(DataCollectionMethod.Interview), ScopeItem.Of(DataCollectionMethod.Journaling),
        ScopeItem.Of(DataCollectionMethod.Diary), ScopeItem.Of(RespondentGroup.DistrictManagers), ScopeItem.Of(RespondentGroup.FacilityManagers),
        ScopeItem.Of(RespondentGroup.HealthWorkers), ScopeItem.Of(Kilifi), ScopeItem.Of(Sedibeng),
    ];

    private static readonly Gen<Op> OpGen =
        from kind in Gen.Choose(0, 6)
        from a in Gen.Choose(0, 420)
        from b in Gen.Choose(0, 800)
        from item in Gen.Elements(Universe)
        select new Op(kind, a, b, item);

    private static readonly Gen<Op[]> Lifecycle = OpGen.ArrayOf().Select(ops => ops.Take(12).ToArray());

    [Property(MaxTest = 1000)]
    public Property There_is_no_approval_without_review()
        => Prop.ForAll(Gen.Choose(0, 9).ArrayOf().Select(a => a.Take(15).ToArray()).ToArbitrary(), triggers =>
        {
            var protocol = Drafted();
            var i = 0;
            foreach (var t in triggers)
            {
                var at = At(++i);
                Try(protocol, p =>
                {
                    switch (t)
                    {
                        case 0: p.Submit(Stamp(at, Researcher)); break;
                        case 1: p.StartReview(Stamp(at, Committee)); break;
                        case 2: p.RequestChanges("more detail", Stamp(at, Committee)); break;
                        case 3: p.Approve(Origin, new ApprovalPeriod(Origin, Origin.PlusYears(1)), Stamp(at, Committee)); break;
                        case 4: p.Reject("no", Stamp(at, Committee)); break;
                        case 5: p.Withdraw("no longer needed", Stamp(at, Researcher)); break;
                        case 6: p.Suspend(Origin, "concern", Stamp(at, Committee)); break;
                        case 7: p.Reinstate(Origin, Stamp(at, Committee)); break;
                        case 8: p.Revise("Revised title", KilifiFirstScope, Context(at, Researcher)); break;
                        default: p.Close(Origin.PlusDays(10), "final", Stamp(at, Researcher)); break;
                    }
                });
            }

            var history = protocol.History;
            for (var k = 0; k < history.Count; k++)
            {
                if (history[k] is ProtocolApproved && (k == 0 || history[k - 1] is not ProtocolReviewStarted))
                {
                    return false;
                }
            }

            return Enum.IsDefined(protocol.Status);
        });

    [Property(MaxTest = 1000)]
    public Property The_status_on_any_date_agrees_with_the_history()
        => Prop.ForAll(Lifecycle.ToArbitrary(), Gen.Choose(-30, 2500).ArrayOf(8).ToArbitrary(), (ops, offsets) =>
        {
            var protocol = Run(ops);
            return offsets.All(o => protocol.StatusOn(Origin.PlusDays(o)) == Oracle(protocol.History, Origin.PlusDays(o)));
        });

    [Property(MaxTest = 1000)]
    public Property The_gate_never_covers_an_activity_outside_an_approved_unexpired_version()
        => Prop.ForAll(Lifecycle.ToArbitrary(), Gen.Choose(-30, 2500).ArrayOf(8).ToArbitrary(), Gen.Elements(Universe.Take(4).ToArray()).ToArbitrary(), (ops, offsets, method) =>
        {
            var protocol = Run(ops);
            var gate = ProtocolEthicsGate.From([protocol]);
            foreach (var o in offsets)
            {
                var date = Origin.PlusDays(o);
                var activity = Activity(DataCollectionMethod.Named(method.Code), RespondentGroup.DistrictManagers, Kilifi, date);
                var decision = gate.Check(activity);
                var inForce = Oracle(protocol.History, date) == ProtocolStatus.Approved ? protocol.State.VersionOn(date) : null;
                var shouldCover = inForce is not null && inForce.Scope.Covers(activity.Method, activity.RespondentGroup, activity.Site);
                if (decision.IsCovered != shouldCover || (decision.IsCovered && decision.ProtocolVersion != inForce!.Number))
                {
                    return false;
                }

                if (!decision.IsCovered && (decision.Reasons.Count == 0 || decision.Remedies.Count == 0))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 1000)]
    public Property The_version_in_force_never_goes_backwards_in_time()
        => Prop.ForAll(Lifecycle.ToArbitrary(), Gen.Choose(-30, 2500).ArrayOf(10).ToArbitrary(), (ops, offsets) =>
        {
            var state = Run(ops).State;
            var numbers = offsets.Order().Select(o => state.VersionOn(Origin.PlusDays(o))?.Number ?? 0).ToArray();
            return numbers.Zip(numbers.Skip(1)).All(p => p.First <= p.Second);
        });

    [Property(MaxTest = 1000)]
    public Property Amendments_compose_as_base_plus_additions_minus_removals_in_approval_order()
        => Prop.ForAll(Lifecycle.ToArbitrary(), ops =>
        {
            var protocol = Run(ops);
            var expected = protocol.State.Versions[0].Scope.Items.ToHashSet();
            foreach (var e in protocol.History.OfType<ProtocolAmendmentApplied>())
            {
                expected.UnionWith(e.Added);
                expected.ExceptWith(e.Removed);
            }

            var versions = protocol.State.Versions;
            return expected.SetEquals(protocol.State.CurrentScope.Items)
                && versions.Skip(1).All(v => versions[v.Number - 2].Scope.DiffTo(v.Scope) == v.Changes);
        });

    [Property(MaxTest = 1000)]
    public Property Replaying_the_events_after_a_json_round_trip_equals_the_live_state()
        => Prop.ForAll(Lifecycle.ToArbitrary(), ops =>
        {
            var protocol = Run(ops);
            var roundTripped = RoundTrip(protocol.History);
            var replayed = Protocol.Rehydrate(protocol.StreamId, roundTripped);
            return roundTripped.SequenceEqual(protocol.History) && replayed.State == protocol.State && replayed.Version == protocol.Version;
        });

    [Fact]
    public void The_random_lifecycles_reach_amendments_renewals_suspensions_expiries_and_closures()
    {
        var histories = Lifecycle.Sample(120, 1500).Select(ops => Run(ops).History).ToArray();
        Assert.Contains(histories, h => h.OfType<ProtocolAmendmentApplied>().Count() >= 2);
        Assert.Contains(histories, h => h.Any(e => e is ProtocolRenewed { AfterLapse: true }));
        Assert.Contains(histories, h => h.Any(e => e is ProtocolRenewed { AfterLapse: false }));
        Assert.Contains(histories, h => h.Any(e => e is ProtocolReinstated));
        Assert.Contains(histories, h => h.Any(e => e is ProtocolExpired));
        Assert.Contains(histories, h => h.Any(e => e is ProtocolClosed));
    }

    /// <summary>Runs random commands on an approved protocol; every rejected one must change nothing.</summary>
    private static Protocol Run(Op[] ops)
    {
        var protocol = Approved(start: Origin);
        var n = 0;
        foreach (var op in ops)
        {
            var at = At(10 + (++n * 3));
            // Dates move forward from the latest dated fact, as real histories do (with some going back, to be refused).
            var anchor = protocol.State.Timeline.IsEmpty ? Origin : protocol.State.Timeline[^1].On;
            var d1 = anchor.PlusDays(op.A - 20);
            Try(protocol, p =>
            {
                switch (op.Kind)
                {
                    case 0: var renewedOn = p.State.ApprovalEnd!.Value.PlusDays(op.A - 300); p.Renew(renewedOn, renewedOn.PlusDays(op.B + 1), Context(at, Committee, op.B % 2 == 0 ? CommitteePolicies.KenyaNationalCommittee : CommitteePolicies.SouthAfricanUniversityCommittee)); break;
                    case 1: p.Suspend(d1, "concern", Stamp(at, Committee)); break;
                    case 2: p.Reinstate(d1, Stamp(at, Committee)); break;
                    case 3: p.ObserveExpiry(d1, Stamp(at, Actor.System)); break;
                    case 4 when op.B < 160: p.Close(d1, "final report", Stamp(at, Researcher)); break;
                    default:
                        var changes = p.State.CurrentScope.Contains(op.Item) ? AmendmentChanges.Removing(op.Item) : AmendmentChanges.Adding(op.Item);
                        var amendment = DraftAmendment(p, "A" + n, changes, d1, at);
                        amendment.Submit(Stamp(at, Researcher));
                        amendment.StartReview(Stamp(at, Committee));
                        amendment.Approve(d1, Stamp(at, Committee));
                        p.ApplyAmendment(amendment, Stamp(at, Committee));
                        break;
                }
            });
        }

        return protocol;
    }

    private static void Try(Protocol protocol, Action<Protocol> command)
    {
        var state = protocol.State;
        var version = protocol.Version;
        try
        {
            command(protocol);
        }
        catch (CoProductionException)
        {
            if (!ReferenceEquals(state, protocol.State) || version != protocol.Version)
            {
                throw new InvalidOperationException("A rejected command changed the protocol.");
            }
        }
    }

    /// <summary>An independent reading of the history: approval segments and dated standing, straight from the events.</summary>
    private static ProtocolStatus Oracle(IReadOnlyList<IProtocolEvent> history, LocalDate date)
    {
        var segments = new List<(LocalDate Start, LocalDate End)>();
        var dated = new List<(LocalDate On, ProtocolStatus Status)>();
        foreach (var e in history)
        {
            switch (e)
            {
                case ProtocolApproved a: segments.Add((a.Period.Start, a.Period.End)); dated.Add((a.Period.Start, ProtocolStatus.Approved)); break;
                case ProtocolRenewed { AfterLapse: true } r: segments.Add((r.RenewedOn, r.NewEnd)); dated.Add((r.RenewedOn, ProtocolStatus.Approved)); break;
                case ProtocolRenewed r: segments[^1] = (segments[^1].Start, r.NewEnd); break;
                case ProtocolAmendmentApplied { ExtendApprovalTo: { } end }: segments[^1] = (segments[^1].Start, end); break;
                case ProtocolSuspended s: dated.Add((s.On, ProtocolStatus.Suspended)); break;
                case ProtocolReinstated r: dated.Add((r.On, ProtocolStatus.Approved)); break;
                case ProtocolClosed c: dated.Add((c.On, ProtocolStatus.Closed)); break;
            }
        }

        if (date < segments[0].Start)
        {
            return ProtocolStatus.UnderReview;
        }

        var standing = dated.Last(d => d.On <= date).Status;
        if (standing == ProtocolStatus.Closed)
        {
            return standing;
        }

        return segments.Any(s => s.Start <= date && date <= s.End) ? standing : ProtocolStatus.Expired;
    }

    public sealed record Op(int Kind, int A, int B, ScopeItem Item);
}
