using System.Collections.Generic;

namespace CoProduction.Sites;

/// <summary>
/// Builds the <see cref="CommandRejectedException"/> of aggregates that are registries rather than
/// processes (learning sites, programmes): they have one state, <c>Registered</c>, in which every
/// command is allowed and only rules of the domain refuse one.
/// </summary>
internal static class RegistryRejection
{
    internal const string State = "Registered";

    internal static CommandRejectedException Of(string aggregate, string command, IReadOnlyList<string> commands, string reason)
        => new(aggregate, State, command, commands, [reason]);
}
