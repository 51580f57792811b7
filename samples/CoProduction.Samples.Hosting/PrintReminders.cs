using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Scheduling;
using CoProduction.Sweeps;

namespace CoProduction.Samples.Hosting;

/// <summary>Prints each reminder the background sweep finds due; each reminder id reaches a handler once.</summary>
public sealed class PrintReminders : IReminderHandler
{
    /// <inheritdoc/>
    public string Name => "print-reminders";

    /// <inheritdoc/>
    public ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        Console.WriteLine($"  reminder {reminder.Id}: {reminder.Text}");
        return ValueTask.CompletedTask;
    }
}
