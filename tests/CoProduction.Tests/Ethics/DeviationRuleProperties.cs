using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Tests.Cycles;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Ethics;

/// <summary>The deadline rule of deviations opened by rule, for any committee deadline, holidays and discovery day.</summary>
public sealed class DeviationRuleProperties
{
    /// <summary>A committee deadline (0–30 working days), holidays (offsets 0–59 after 2018-01-04) and a discovery delay (0–20 days).</summary>
    private static Arbitrary<(int Days, int[] Holidays, int Delay)> Cases { get; } =
        (from days in Gen.Choose(0, 30)
         from holidays in Gen.ArrayOf(Gen.Choose(0, 59))
         from delay in Gen.Choose(0, 20)
         select (days, holidays, delay)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property A_deviation_opened_by_rule_names_the_lapsed_protocol_and_is_due_exactly_its_committee_s_working_days_after_discovery_in_the_site_s_calendar()
        => Prop.ForAll(Cases, c =>
        {
            var lenient = Rules(new CyclePolicy { OutOfApprovalActions = OutOfApprovalActions.RecordWithDeviation });
            var cycle = Acting(lenient, 2017);
            cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2018, 1, 3), "two more interviews", []), lenient.At(On(2018, 1, 4), ByResearcher));
            var outside = (ActionRecordedOutsideApproval)cycle.History[^1];
            var start = new LocalDate(2018, 1, 4);
            var calendar = WorkingDayCalendar.MondayToFriday.WithHolidays(c.Holidays.Select(d => start.PlusDays(d)));
            var policy = CommitteePolicies.KenyaNationalCommittee with { DeviationReportingWorkingDays = c.Days };
            var rules = new ProtocolRules([Site], new Dictionary<CommitteeId, CommitteePolicy> { [TestEthicsGate.Committee] = policy }, calendar);
            var protocol = Protocols.ProtocolFixtures.Approved(MainProtocol.Value, new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.SubDistrictManagers], [Site]));   // KWTRP-2 as KilifiSite.Gate has it
            var discovered = start.PlusDays(c.Delay);

            var state = ProtocolDeviation.RecordOutsideApproval(
                new DeviationId("d-1"), cycle, outside, protocol, discovered, new ProtocolContext(new Stamp(On(2018, 1, 4), ByResearcher), rules)).State;

            var exact = calendar.WorkingDaysBetween(state.DiscoveredOn, state.ReportDueOn) == c.Days;
            var onAWorkingDay = c.Days == 0 ? state.ReportDueOn == discovered : calendar.IsWorkingDay(state.ReportDueOn);
            return (exact && onAWorkingDay && state.Protocol == MainProtocol && state.ProtocolVersion == 1 && state.DiscoveredOn == discovered && state.Cycle == cycle.Id)
                .Label($"due {state.ReportDueOn} after discovery {state.DiscoveredOn}, {c.Days} working days");
        });
}
