using CoProduction.Persistence;

namespace CoProduction.Commands;

/// <summary>The outcome of a command run by an application service.</summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
/// <param name="Aggregate">The aggregate after the command, with nothing uncommitted.</param>
/// <param name="Append">
/// What the store recorded: the stream's new version and the last global position; <see langword="null"/>
/// when the command was accepted but recorded no event.
/// </param>
/// <param name="WasDuplicate">
/// <see langword="true"/> when a command with the same id had already been recorded: it was not decided
/// again, nothing was written, and <paramref name="Append"/> describes the first recording.
/// </param>
public sealed record CommandResult<TAggregate>(TAggregate Aggregate, AppendResult? Append, bool WasDuplicate)
    where TAggregate : class
{
    /// <summary>Gets how many times the command was tried again after another writer changed its stream first (0: it went through at once).</summary>
    public int Retries { get; init; }
}
