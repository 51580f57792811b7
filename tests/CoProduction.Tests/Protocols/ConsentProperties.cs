using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Protocols;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>
/// Consent commands generated as records, run on an approved protocol next to a plain model of who consented to what
/// from when: the protocol accepts exactly what the model accepts, a refused command changes nothing, replay equals the
/// live state, and the ethics gate covers an activity naming participants exactly when the model says consent allows it.
/// </summary>
public sealed class ConsentProperties
{
    private static readonly LocalDate Origin = new(2015, 3, 1);
    private static readonly ParticipantId?[] Subjects = [new ParticipantId("kl-dm-01"), new ParticipantId("kl-dm-02"), null];
    private static readonly DataCollectionMethod[] Methods = [DataCollectionMethod.Interview, DataCollectionMethod.Observation];
    private static readonly RespondentGroup Group = RespondentGroup.DistrictManagers;

    /// <summary>One consent command: give (with the methods) or withdraw, for a subject (the last one is the group's collective consent), on a day after <see cref="Origin"/>.</summary>
    /// <param name="Withdraw">Withdraw rather than give.</param>
    /// <param name="Subject">Index into the subjects: two participants, then the group.</param>
    /// <param name="Day">Days after the approval's start.</param>
    /// <param name="Methods">Bit 1 interview, bit 2 observation; 0 gives no method (an argument error).</param>
    public sealed record ConsentOp(bool Withdraw, int Subject, int Day, int Methods);

    /// <summary>An activity asked about: its method, the participants it names (bits), its day.</summary>
    /// <param name="Method">Index into the methods.</param>
    /// <param name="Names">Bit 1 names the first participant, bit 2 the second.</param>
    /// <param name="Day">Days after the approval's start.</param>
    public sealed record Ask(int Method, int Names, int Day);

    private static readonly Gen<ConsentOp[]> Ops =
        (from withdraw in Gen.Elements(false, false, true)
         from subject in Gen.Choose(0, 2)
         from day in Gen.Choose(0, 300)
         from methods in Gen.Choose(0, 3)
         select new ConsentOp(withdraw, subject, day, methods)).ArrayOf().Select(a => a.Take(14).ToArray());

    private static readonly Gen<Ask[]> Asks =
        (from method in Gen.Choose(0, 1)
         from names in Gen.Choose(0, 3)
         from day in Gen.Choose(0, 330)
         select new Ask(method, names, day)).ArrayOf(12);

    [Property(MaxTest = 500)]
    public Property The_protocol_accepts_what_the_model_accepts_and_a_refused_command_changes_nothing()
        => Prop.ForAll(Ops.ToArbitrary(), ops =>
        {
            var (protocol, model) = Run(ops, out var agreed);
            return agreed && protocol.State.Consents.Count == model.Sum(m => m.Value.Count);
        });

    [Property(MaxTest = 500)]
    public Property Replay_after_the_stores_serializer_equals_the_live_state()
        => Prop.ForAll(Ops.ToArbitrary(), ops =>
        {
            var (protocol, _) = Run(ops, out _);
            var replayed = Protocol.Rehydrate(protocol.StreamId, RoundTrip(protocol.History));
            return replayed.State == protocol.State;
        });

    [Property(MaxTest = 500)]
    public Property The_gate_covers_an_activity_exactly_when_every_consent_it_needs_stands_on_its_day()
        => Prop.ForAll(Ops.ToArbitrary(), Asks.ToArbitrary(), (ops, asks) =>
        {
            var (protocol, model) = Run(ops, out _);
            var gate = ProtocolEthicsGate.From([protocol]);
            return asks.All(ask =>
            {
                var day = Origin.PlusDays(ask.Day);
                var method = Methods[ask.Method];
                ParticipantId[] named = [.. Enumerable.Range(0, 2).Where(i => (ask.Names & (1 << i)) != 0).Select(i => Subjects[i]!.Value)];
                var expected = Allows(model, 2, method, day, required: false) && Enumerable.Range(0, 2).Where(i => (ask.Names & (1 << i)) != 0).All(i => Allows(model, i, method, day, required: true));
                var decision = gate.Check(new ResearchActivity("interviews", method, Group, Kilifi, day, [.. named]));
                return decision.IsCovered == expected;
            });
        });

    [Fact]
    public void The_generated_commands_reach_withdrawals_renewed_consents_and_refusals()
    {
        var runs = Ops.Sample(200, 40).Select(ops => Run(ops, out _).Protocol.State.Consents).ToArray();
        Assert.Contains(runs, c => c.Any(x => x.WithdrawnOn is not null));
        Assert.Contains(runs, c => c.GroupBy(x => x.Participant).Any(g => g.Count() >= 2));
        Assert.Contains(runs, c => c.Any(x => x.Participant is null));
    }

    /// <summary>Whether the model's consents of a subject (an index into the subjects) allow collecting by the method on the day; with <paramref name="required"/> false a subject without any consent allows it.</summary>
    private static bool Allows(Dictionary<int, List<(LocalDate Given, int Methods, LocalDate? Withdrawn)>> model, int subject, DataCollectionMethod method, LocalDate day, bool required)
    {
        var records = model.GetValueOrDefault(subject) ?? [];
        var applied = records.LastOrDefault(r => r.Given <= day);
        if (applied == default)
        {
            return !required;
        }

        return (applied.Withdrawn is not { } w || day < w) && (applied.Methods & (1 << Array.IndexOf(Methods, method))) != 0;
    }

    /// <summary>Runs the commands on KWTRP-1 (approved from 2015-03-01), each also on the model; <paramref name="agreed"/> says whether every acceptance matched the model and every refusal changed nothing.</summary>
    private static (Protocol Protocol, Dictionary<int, List<(LocalDate Given, int Methods, LocalDate? Withdrawn)>> Model) Run(ConsentOp[] ops, out bool agreed)
    {
        var protocol = Approved(start: Origin);
        var model = new Dictionary<int, List<(LocalDate Given, int Methods, LocalDate? Withdrawn)>>();
        agreed = true;
        var at = Instant.FromUtc(2016, 2, 1, 9, 0); // after every generated day, within the year's approval
        foreach (var op in ops)
        {
            at = at.Plus(Duration.FromMinutes(1));
            var subject = Subjects[op.Subject];
            var day = Origin.PlusDays(op.Day);
            var records = model.TryGetValue(op.Subject, out var r) ? r : model[op.Subject] = [];
            var last = records.Count == 0 ? default((LocalDate Given, int Methods, LocalDate? Withdrawn)?) : records[^1];
            bool expected;
            if (op.Withdraw)
            {
                expected = last is { Withdrawn: null } open && day >= open.Given;
            }
            else
            {
                expected = op.Methods != 0 && (last is null || (last.Value.Withdrawn is { } w && day >= w));
            }

            var before = protocol.State;
            try
            {
                if (op.Withdraw)
                {
                    protocol.WithdrawConsent(Group, subject, day, Stamp(at, Researcher));
                }
                else
                {
                    protocol.RecordConsent(Group, subject, Methods.Where((_, i) => (op.Methods & (1 << i)) != 0), day, Stamp(at, Researcher));
                }

                agreed &= expected;
            }
            catch (Exception e) when (e is CommandRejectedException or ArgumentException)
            {
                agreed &= !expected && ReferenceEquals(before, protocol.State);
                continue;
            }

            if (op.Withdraw)
            {
                records[^1] = records[^1] with { Withdrawn = day };
            }
            else
            {
                records.Add((day, op.Methods, null));
            }
        }

        return (protocol, model);
    }
}
