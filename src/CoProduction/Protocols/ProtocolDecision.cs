using NodaTime;

namespace CoProduction.Protocols;

/// <summary>What the protocol's guards read: its state and, for questions about a day, the date.</summary>
/// <param name="State">The protocol's state.</param>
/// <param name="On">The date asked about (drafting an amendment, availability on a day); <see langword="null"/> when the command needs none.</param>
internal sealed record ProtocolDecision(ProtocolState State, LocalDate? On)
{
    /// <summary>Gets the machine's current stage.</summary>
    public ProtocolStatus Status => State.Status;
}
