using System;
using Microsoft.Extensions.Logging;

namespace CoProduction.Telemetry;

/// <summary>Every log message of the package, source-generated: no allocation when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Command {CommandId} on stream {Stream} met a concurrency conflict (expected version {ExpectedVersion}, found {ActualVersion}); reloading and deciding once more.")]
    public static partial void RetryingAfterConflict(ILogger logger, string commandId, string stream, long expectedVersion, long actualVersion);

    [LoggerMessage(3, LogLevel.Warning, "Access denied: {Actor} may not {Permission} on {Target}: {Reason}")]
    public static partial void AccessDenied(ILogger logger, string actor, string permission, string target, string reason);

    [LoggerMessage(2, LogLevel.Debug, "A {Aggregate} refused {Trigger} in state {State}.")]
    public static partial void CommandRejected(ILogger logger, string aggregate, string trigger, string state);

    [LoggerMessage(10, LogLevel.Error, "Notification handler {Handler} failed on event {Position} ({EventName}, stream {Stream}); its checkpoint stays at {Checkpoint} and the event is offered again on the next pass.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, long position, string eventName, string stream, long checkpoint);

    [LoggerMessage(11, LogLevel.Error, "A notification pass failed; it is tried again after the poll interval.")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Debug, "Notification handler {Handler} handled events up to position {Position}.")]
    public static partial void HandlerCaughtUp(ILogger logger, string handler, long position);

    [LoggerMessage(20, LogLevel.Error, "A background sweep failed; it runs again after the sweep interval.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "Protocol {Protocol} expired at {ExpiredOn}: its approval period has passed.")]
    public static partial void ProtocolExpired(ILogger logger, string protocol, string expiredOn);

    [LoggerMessage(22, LogLevel.Error, "Reminder handler {Handler} failed on reminder {Reminder}; it is offered again on the next sweep.")]
    public static partial void ReminderHandlerFailed(ILogger logger, Exception exception, string handler, string reminder);

    [LoggerMessage(13, LogLevel.Error, "Notification handler {Handler} parked event {Position} ({EventName}, stream {Stream}) after {Attempts} failed attempts; later events go on. Retry it with NotificationDispatcher.RetryParkedAsync once the handler is fixed.")]
    public static partial void HandlerParked(ILogger logger, Exception exception, string handler, long position, string eventName, string stream, int attempts);

    [LoggerMessage(30, LogLevel.Information, "Projection {Projection} (version {Version}) is rebuilt from position 0: its model was built by version {StoredVersion}.")]
    public static partial void ProjectionRebuilding(ILogger logger, string projection, int version, int storedVersion);

    [LoggerMessage(36, LogLevel.Information, "Projection {Projection} (version {Version}) is new to this store: its model is built from position 0.")]
    public static partial void ProjectionBuilding(ILogger logger, string projection, int version);

    [LoggerMessage(31, LogLevel.Information, "Projection {Projection} catches up from position {Position} to {Total}.")]
    public static partial void ProjectionCatchingUp(ILogger logger, string projection, long position, long total);

    [LoggerMessage(32, LogLevel.Information, "Projection {Projection} is at position {Position} of {Total} ({Rate} events/s).")]
    public static partial void ProjectionProgress(ILogger logger, string projection, long position, long total, long rate);

    [LoggerMessage(33, LogLevel.Information, "Projection {Projection} caught up at position {Position}: {Events} events in {Seconds} s ({Rate} events/s).")]
    public static partial void ProjectionCaughtUp(ILogger logger, string projection, long position, long events, double seconds, long rate);

    [LoggerMessage(34, LogLevel.Error, "Projection {Projection} parked event {Position} ({EventName}, stream {Stream}); later events go on. Rebuild the projection once it is fixed.")]
    public static partial void ProjectionParked(ILogger logger, Exception exception, string projection, long position, string eventName, string stream);

    [LoggerMessage(35, LogLevel.Error, "A projection pass failed; it is tried again after the poll interval.")]
    public static partial void ProjectionPassFailed(ILogger logger, Exception exception);
}
