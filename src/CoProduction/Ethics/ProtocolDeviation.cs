using System;
using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>
/// An activity that happened outside approval, recorded with its reporting deadline (working days
/// after discovery, per the committee's policy and holiday calendar): Open → Reported → Closed.
/// </summary>
public sealed class ProtocolDeviation : LegacyAggregateRoot<DeviationId, ProtocolDeviationState, IDeviationEvent>, IEventSourcedAggregate<ProtocolDeviation>
{
    private ProtocolDeviation(DeviationId id)
        : base(id, ProtocolDeviationState.Initial(id))
    {
    }

    /// <summary>Gets the stream-name prefix of deviations: <c>deviation</c>.</summary>
    public static string StreamCategory => "deviation";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <summary>Gets the machine's current stage.</summary>
    public DeviationStatus Status => State.Status;

    internal static ExplainableMachine<DeviationStatus, DeviationTrigger, ProtocolDeviationState> Machine { get; } = new(
        static (m, _) =>
        {
            m.Configure(DeviationStatus.Open).Permit(DeviationTrigger.Report, DeviationStatus.Reported);
            m.Configure(DeviationStatus.Reported).Permit(DeviationTrigger.Close, DeviationStatus.Closed);
        });

    /// <inheritdoc/>
    protected override string Description => $"deviation '{Id}'";

    /// <summary>Records a deviation with its reporting deadline.</summary>
    /// <param name="id">The deviation's id.</param>
    /// <param name="protocol">The protocol it deviates from.</param>
    /// <param name="activity">What happened (method, respondent group, site, date of occurrence).</param>
    /// <param name="description">How it came about.</param>
    /// <param name="discoveredOn">When the team learned of it; not before the activity's date.</param>
    /// <param name="policy">The committee's policy (its deviation-reporting deadline in working days).</param>
    /// <param name="calendar">The working-day calendar with the committee's holidays; Monday to Friday when omitted.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <returns>The deviation, <see cref="DeviationStatus.Open"/>.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or discovery precedes the occurrence.</exception>
    public static ProtocolDeviation Record(
        DeviationId id,
        ProtocolId protocol,
        ResearchActivity activity,
        string description,
        LocalDate discoveredOn,
        CommitteePolicy policy,
        WorkingDayCalendar? calendar,
        Instant at,
        Actor by)
    {
        _ = StringId.Require(id.Value, nameof(DeviationId));
        _ = StringId.Require(protocol.Value, nameof(ProtocolId));
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(policy);
        if (discoveredOn < activity.Date)
        {
            throw new ArgumentException(
                $"Deviation '{id}' cannot be discovered ({discoveredOn.Iso()}) before it occurred ({activity.Date.Iso()}).", nameof(discoveredOn));
        }

        var deviation = new ProtocolDeviation(id);
        deviation.Record(new DeviationRecorded(
            id, protocol, activity, description.Trim(), activity.Date, discoveredOn, policy.DeviationReportDueOn(discoveredOn, calendar), at, by));
        return deviation;
    }

    /// <summary>Rebuilds a deviation from its history.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="DeviationRecorded"/>.</param>
    /// <returns>The deviation.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static ProtocolDeviation Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var first = HistoryStart.Require<DeviationRecorded>(stream, history, e => StreamId.For(StreamCategory, e.Deviation));
        var deviation = new ProtocolDeviation(first.Deviation);
        deviation.Replay(history);
        return deviation;
    }

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger.</returns>
    public IReadOnlyList<TriggerAvailability<DeviationTrigger>> Availability() => Machine.Availability(State, State.Status);

    /// <summary>Records that the deviation was reported to the committee (late reports are accepted and flagged).</summary>
    /// <param name="reportedOn">The reporting date; not before discovery.</param>
    /// <param name="reference">The committee's reference or a note.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not open, or reported before it was discovered.</exception>
    public void Report(LocalDate reportedOn, string reference, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        Machine.EnsureCanFire(State, State.Status, DeviationTrigger.Report, Description);
        if (reportedOn < State.DiscoveredOn)
        {
            throw Machine.Reject(State, State.Status, DeviationTrigger.Report, Description, $"it cannot be reported ({reportedOn.Iso()}) before it was discovered ({State.DiscoveredOn.Iso()})");
        }

        Record(new DeviationReported(reportedOn, reference.Trim(), at, by));
    }

    /// <summary>Closes the deviation after the committee's response.</summary>
    /// <param name="outcome">The response and what was done.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not reported yet.</exception>
    public void Close(string outcome, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        Machine.EnsureCanFire(State, State.Status, DeviationTrigger.Close, Description);
        Record(new DeviationClosed(outcome.Trim(), at, by));
    }

    /// <inheritdoc/>
    protected override ProtocolDeviationState Apply(ProtocolDeviationState state, IDeviationEvent @event) => @event switch
    {
        DeviationRecorded e => state with
        {
            Protocol = e.Protocol,
            Activity = e.Activity,
            Description = e.Description,
            OccurredOn = e.OccurredOn,
            DiscoveredOn = e.DiscoveredOn,
            ReportDueOn = e.ReportDueOn,
        },
        DeviationReported e => state with { Status = DeviationStatus.Reported, ReportedOn = e.ReportedOn },
        DeviationClosed e => state with { Status = DeviationStatus.Closed, Outcome = e.Outcome },
        _ => throw new ArgumentException($"Unknown deviation event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <inheritdoc/>
    protected override string? CheckReplay(ProtocolDeviationState before, IDeviationEvent @event, ProtocolDeviationState after) => @event switch
    {
        DeviationRecorded => before.IsNew ? null : "a deviation is recorded only once.",
        _ when before.IsNew => "the first event of a deviation is deviation.recorded.",
        DeviationReported => Machine.Allows(before.Status, DeviationTrigger.Report, after.Status) ? null : $"Report does not lead from {before.Status}.",
        DeviationClosed => Machine.Allows(before.Status, DeviationTrigger.Close, after.Status) ? null : $"Close does not lead from {before.Status}.",
        _ => "unknown event.",
    };
}
