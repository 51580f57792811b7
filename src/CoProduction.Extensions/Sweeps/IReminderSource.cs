using System.Threading;
using System.Threading.Tasks;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Sweeps;

/// <summary>
/// Supplies inputs to the reminder planner on each sweep. The library's own source reads cycles, meeting
/// series, sites and protocols from the store; add your own (<c>builder.AddReminderSource&lt;T&gt;()</c>) for
/// facts kept elsewhere. The inputs of every source are planned together.
/// </summary>
public interface IReminderSource
{
    /// <summary>Collects the inputs as they stand now.</summary>
    /// <param name="now">The sweep's instant, from the registered <see cref="IClock"/>.</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    /// <returns>The inputs.</returns>
    ValueTask<ReminderInputs> CollectAsync(Instant now, CancellationToken cancellationToken);
}
