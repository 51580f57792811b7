using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Sites;

/// <summary>
/// What aggregates that are registries rather than processes (learning sites, programmes) share:
/// they have one state, <c>Registered</c>, in which every command is allowed and only rules of the
/// domain refuse one; their history starts with their registration.
/// </summary>
internal static class Registry
{
    internal const string State = "Registered";

    internal static CommandRejectedException Rejection(string aggregate, string command, IReadOnlyList<string> commands, string reason)
        => new(aggregate, RegistryState.Registered, Enum.Parse<LegacyCommand>(command), [.. commands.Select(c => (Enum)Enum.Parse<LegacyCommand>(c))], Refusal.RuleBroken(reason));

    /// <summary>TEMPORARY: the registries' one state, until they get their machines.</summary>
    internal enum RegistryState
    {
        Registered,
    }

    /// <summary>TEMPORARY: the registries' commands, until they get their trigger enums.</summary>
    internal enum LegacyCommand
    {
        AddPartnerInstitution, AddMember, JoinRole, LeaveRole, MarkCore, ClearCore, RecordEngagement, AddSite, LinkProtocol, LinkUmbrellaProtocol,
    }

    internal static void RequireId(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentException("A default id was given; create ids with their constructor.", paramName);
        }
    }

    internal static void RequireText(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new ArgumentException($"'{value}' starts or ends with white space.", paramName);
        }
    }
}
