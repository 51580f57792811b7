using System;
using Microsoft.Extensions.Logging;

namespace CoProduction.Telemetry;

/// <summary>Every log message of the package, source-generated: no allocation when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Command {CommandId} on stream {Stream} met a concurrency conflict (expected version {ExpectedVersion}, found {ActualVersion}); reloading and deciding once more.")]
    public static partial void RetryingAfterConflict(ILogger logger, string commandId, string stream, long expectedVersion, long actualVersion);

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
}
