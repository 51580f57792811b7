using System.Threading;
using System.Threading.Tasks;
using CoProduction.Scheduling;

namespace CoProduction.Sweeps;

/// <summary>
/// Receives the reminders the background sweep finds due (approvals about to lapse, overrunning stages,
/// upcoming meetings, managers not engaged): send the e-mail, post the message. Each reminder id is
/// handed to each handler at least once, by one process at a time; its delivery is recorded right after the handler
/// returns, so a crash repeats at most the one reminder the handler was handling (drop the repeat by
/// <see cref="Reminder.Id"/>). A handler that throws is offered it again next sweep.
/// </summary>
public interface IReminderHandler
{
    /// <summary>Gets the handler's stable name, under which the reminders it handled are remembered.</summary>
    string Name { get; }

    /// <summary>Handles one reminder.</summary>
    /// <param name="reminder">The reminder, with its stable id, kind, due instant, subject and text.</param>
    /// <param name="cancellationToken">Cancelled when the app stops.</param>
    /// <returns>A task that completes when the reminder is handled.</returns>
    ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken);
}
