using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Protocols;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.ReadModels;

/// <summary>
/// The deviation register on both stores: deviations due seven working days after discovery under the Kenyan
/// committee's policy (Madaraka Day, 1 June 2017, is a holiday), and the dilemmas the researchers' reflection
/// meetings discussed (Table 1: "specific sessions were dedicated to ethical dilemmas").
/// </summary>
public abstract class DeviationRegisterTests(bool sqlite) : IDisposable
{
    private readonly ReadModelApp app = ReadModelApp.Create(sqlite, new FakeClock(Instant.FromUtc(2017, 5, 29, 6, 0)), o => o.DefaultTimeZone = "Africa/Nairobi");
    private static readonly DeviationId D1 = new("D1");
    private static readonly DeviationId D2 = new("D2");
    private static readonly DeviationId D3 = new("D3");
    private static readonly DilemmaId E1 = new("E1");
    private static readonly DilemmaId E2 = new("E2");
    private static readonly DilemmaId E3 = new("E3");
    private static readonly ProtocolId Kwtrp2 = new("KWTRP-2");
    private static readonly ProtocolId Uct1 = new("UCT-1");

    private FakeClock Clock => app.Clock;

    private ServiceProvider Provider => app.Provider;

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_deviation_s_entry_holds_its_working_day_deadline_its_report_and_when_it_was_recorded_and_closed()
    {
        await SeedAsync();
        var register = Provider.GetRequiredService<IDeviationRegister>();

        var d1 = await register.DeviationAsync(D1, TestContext.Current.CancellationToken);
        Assert.Equal(
            new DeviationEntry(D1, Kwtrp2, PaperSites.KilifiId, "interviews with facility managers on facility financing", DeviationStatus.Open,
                new LocalDate(2017, 5, 24), new LocalDate(2017, 5, 29), new LocalDate(2017, 6, 8), null, false,
                Instant.FromUtc(2017, 5, 29, 6, 0), null, null),
            d1);

        var d2 = await register.DeviationAsync(D2, TestContext.Current.CancellationToken);
        Assert.Equal(new LocalDate(2017, 6, 13), d2!.ReportDueOn);   // discovered Friday 2 June: seven working days
        Assert.Equal(DeviationStatus.Closed, d2.Status);
        Assert.Equal(new LocalDate(2017, 6, 12), d2.ReportedOn);
        Assert.False(d2.ReportedLate);
        Assert.Equal(Instant.FromUtc(2017, 6, 12, 9, 0), d2.ClosedAt);
        Assert.Equal("noted by the committee", d2.Outcome);
        Assert.Null(await register.DeviationAsync(new DeviationId("none"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Open_deviations_come_by_due_date_a_page_at_a_time_and_overdue_ones_are_those_due_before_today()
    {
        await SeedAsync();
        var register = Provider.GetRequiredService<IDeviationRegister>();
        var ct = TestContext.Current.CancellationToken;

        var first = await register.OpenDeviationsAsync(limit: 1, cancellationToken: ct);
        Assert.Equal([D1], first.Items.Select(d => d.Deviation));
        var second = await register.OpenDeviationsAsync(first.Next, 1, ct);
        Assert.Equal([D3], second.Items.Select(d => d.Deviation));
        Assert.Empty((await register.OpenDeviationsAsync(second.Next, 1, ct)).Items);

        Assert.Equal([D1], (await register.DeviationsDueByAsync(new LocalDate(2017, 6, 13), cancellationToken: ct)).Items.Select(d => d.Deviation));
        Assert.Equal([D1, D3], (await register.DeviationsDueByAsync(new LocalDate(2017, 6, 14), cancellationToken: ct)).Items.Select(d => d.Deviation));

        // Today is 12 June in Nairobi: D1 (due 8 June) is overdue, D3 (due 14 June) is not yet.
        Assert.Equal([D1], (await register.OverdueDeviationsAsync(cancellationToken: ct)).Items.Select(d => d.Deviation));
        Clock.Reset(Instant.FromUtc(2017, 6, 14, 20, 0));   // 23:00 in Nairobi: still the 14th
        Assert.Equal([D1], (await register.OverdueDeviationsAsync(cancellationToken: ct)).Items.Select(d => d.Deviation));
        Clock.Reset(Instant.FromUtc(2017, 6, 14, 21, 0));   // midnight in Nairobi
        Assert.Equal([D1, D3], (await register.OverdueDeviationsAsync(cancellationToken: ct)).Items.Select(d => d.Deviation));

        Assert.Equal([D1, D2], (await register.DeviationsOfProtocolAsync(Kwtrp2, cancellationToken: ct)).Items.Select(d => d.Deviation));
        Assert.Equal([D3], (await register.DeviationsOfSiteAsync(PaperSites.MitchellsPlainId, cancellationToken: ct)).Items.Select(d => d.Deviation));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await register.OpenDeviationsAsync(limit: 10_001, cancellationToken: ct));
    }

    [Fact]
    public async Task Dilemmas_are_open_until_resolved_or_escalated_and_are_listed_by_site_and_protocol()
    {
        await SeedAsync();
        var register = Provider.GetRequiredService<IDeviationRegister>();
        var ct = TestContext.Current.CancellationToken;

        var e1 = await register.DilemmaAsync(E1, ct);
        Assert.Equal(DilemmaStatus.Escalated, e1!.Status);
        Assert.Equal(2, e1.Discussions);
        Assert.Equal("ethics committee", e1.EscalatedTo);
        Assert.Equal(Instant.FromUtc(2017, 6, 1, 6, 0), e1.RaisedAt);
        Assert.Equal(Instant.FromUtc(2017, 6, 9, 6, 0), e1.SettledAt);
        Assert.False(e1.IsOpen);

        Assert.Equal([E2, E3], (await register.OpenDilemmasAsync(cancellationToken: ct)).Items.Select(d => d.Dilemma));
        Assert.Equal([E1, E3], (await register.DilemmasOfSiteAsync(PaperSites.KilifiId, cancellationToken: ct)).Items.Select(d => d.Dilemma));
        Assert.Equal([E1], (await register.DilemmasOfProtocolAsync(Kwtrp2, cancellationToken: ct)).Items.Select(d => d.Dilemma));
        var page = await register.DilemmasOfSiteAsync(PaperSites.KilifiId, limit: 1, cancellationToken: ct);
        Assert.Equal([E1], page.Items.Select(d => d.Dilemma));
        Assert.Equal([E3], (await register.DilemmasOfSiteAsync(PaperSites.KilifiId, page.Next, 1, ct)).Items.Select(d => d.Dilemma));
    }


    // Kilifi's work on facility financing (Table 1): interviews with facility managers, whom KWTRP-2 did not name.
    private static ResearchActivity Activity(SiteId site, LocalDate on, string title = "interviews with facility managers on facility financing")
        => new(title, DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, site, on);

    /// <summary>Records three deviations and three dilemmas; leaves the clock at 2017-06-12 12:00 in Nairobi.</summary>
    private async Task SeedAsync()
    {
        using var scope = Provider.CreateScope();
        var deviations = scope.ServiceProvider.GetRequiredService<IAggregateCommands<ProtocolDeviation>>();
        var dilemmas = scope.ServiceProvider.GetRequiredService<IAggregateCommands<EthicalDilemma>>();
        var ct = TestContext.Current.CancellationToken;
        var calendar = WorkingDayCalendar.MondayToFriday.WithHolidays([new LocalDate(2017, 6, 1)]);
        var rules = new ProtocolRules(ProtocolFixtures.KnownSites, new Dictionary<CommitteeId, CommitteePolicy> { [ProtocolFixtures.Kemri] = CommitteePolicies.KenyaNationalCommittee }, calendar);
        var kwtrp2 = ProtocolFixtures.Drafted(Kwtrp2.Value);
        var uct1 = ProtocolFixtures.Drafted(Uct1.Value);

        Task Record(DeviationId id, Protocol protocol, ResearchActivity activity, LocalDate discovered)
            => deviations.CreateAsync(c => ProtocolDeviation.Record(new DeviationRecording(id, activity, "collected before approval", discovered), protocol, new ProtocolContext(c.Stamp, rules)), cancellationToken: ct).AsTask();

        await Record(D1, kwtrp2, Activity(PaperSites.KilifiId, new(2017, 5, 24)), new(2017, 5, 29));
        Clock.Reset(Instant.FromUtc(2017, 6, 1, 6, 0));
        await dilemmas.CreateAsync(c => EthicalDilemma.Raise(new DilemmaRaising(E1, PaperSites.KilifiId, "a facility manager asks to read another manager's interview transcript") { Protocol = Kwtrp2 }, c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2017, 6, 2, 6, 0));
        await Record(D2, kwtrp2, Activity(PaperSites.KilifiId, new(2017, 6, 1), "observation of a budget meeting"), new(2017, 6, 2));
        Clock.Reset(Instant.FromUtc(2017, 6, 5, 6, 0));
        await Record(D3, uct1, Activity(PaperSites.MitchellsPlainId, new(2017, 6, 2)), new(2017, 6, 5));
        await dilemmas.CreateAsync(c => EthicalDilemma.Raise(new DilemmaRaising(E2, PaperSites.MitchellsPlainId, "feedback that could identify a facility"), c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2017, 6, 6, 6, 0));
        await dilemmas.CreateAsync(c => EthicalDilemma.Raise(new DilemmaRaising(E3, PaperSites.KilifiId, "a researcher asked for advice on a staffing decision"), c.Stamp), cancellationToken: ct);
        await dilemmas.ExecuteAsync(E3, (d, c) => d.Discuss("researchers' reflection meeting", c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2017, 6, 7, 6, 0));
        await dilemmas.ExecuteAsync(E1, (d, c) => d.Discuss("researchers' reflection meeting", c.Stamp), cancellationToken: ct);
        await dilemmas.ExecuteAsync(E1, (d, c) => d.Discuss("cross-site ethics reflection session", c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2017, 6, 9, 6, 0));
        await dilemmas.ExecuteAsync(E1, (d, c) => d.Escalate("ethics committee", c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2017, 6, 12, 5, 0));
        await deviations.ExecuteAsync(D2, (d, c) => d.Report(new LocalDate(2017, 6, 12), "SERU/DEV/17/002", c.Stamp), cancellationToken: ct);
        Clock.Reset(Instant.FromUtc(2017, 6, 12, 9, 0));
        await deviations.ExecuteAsync(D2, (d, c) => d.Close("noted by the committee", c.Stamp), cancellationToken: ct);

        await Provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(ct);
    }
}

public sealed class InMemoryDeviationRegisterTests() : DeviationRegisterTests(sqlite: false);

public sealed class SqliteDeviationRegisterTests() : DeviationRegisterTests(sqlite: true);
