namespace CoProduction.Persistence;

/// <summary>
/// A write carried a command id already recorded for another command (another name, other streams or another
/// decision). Nothing was written: a command id names one command, so that a retry is recognised; give each
/// new command a new id.
/// </summary>
public sealed class CommandIdReusedException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="commandId">The command id.</param>
    /// <param name="recorded">What the id was recorded for.</param>
    /// <param name="attempted">What the refused write was.</param>
    public CommandIdReusedException(CommandId commandId, CommandFingerprint recorded, CommandFingerprint attempted)
        : base($"Cannot record {attempted} under command id '{commandId}': the id was already recorded for {recorded}." +
               " Nothing was written. A command id names one command, so that a retry returns the first outcome; give each new command a new id.")
    {
        CommandId = commandId;
        Recorded = recorded;
        Attempted = attempted;
    }

    /// <summary>Gets the command id.</summary>
    public CommandId CommandId { get; }

    /// <summary>Gets what the id was recorded for.</summary>
    public CommandFingerprint Recorded { get; }

    /// <summary>Gets what the refused write was.</summary>
    public CommandFingerprint Attempted { get; }
}
