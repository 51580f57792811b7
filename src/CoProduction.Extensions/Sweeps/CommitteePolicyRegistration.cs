using CoProduction.Protocols;

namespace CoProduction.Sweeps;

/// <summary>The policy an app chose for one ethics committee (<c>builder.AddCommitteePolicy(...)</c>).</summary>
internal sealed record CommitteePolicyRegistration(CommitteeId Committee, CommitteePolicy Policy);
