using System;
using System.Collections.Generic;
using System.Linq;

namespace CoProduction.Protocols;

/// <summary>
/// A scope named a site that is not one of the known learning sites. Nothing was changed: register
/// the site first, or correct the id.
/// </summary>
public sealed class UnknownSiteException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="attempted">What was attempted, for example <c>draft protocol 'KWTRP-2'</c>.</param>
    /// <param name="unknown">The sites that are not known.</param>
    /// <param name="known">The known sites.</param>
    public UnknownSiteException(string attempted, IEnumerable<SiteId> unknown, IEnumerable<SiteId> known)
        : this(attempted, unknown.ToArray(), known.OrderBy(s => s.Value, StringComparer.Ordinal).ToArray())
    {
    }

    private UnknownSiteException(string attempted, SiteId[] unknown, SiteId[] known)
        : base(
            $"Cannot {attempted}: {string.Join(", ", unknown.Select(s => $"'{s}'"))} {(unknown.Length == 1 ? "is not a known site" : "are not known sites")}" +
            $" (known: {(known.Length == 0 ? "none" : string.Join(", ", known))}). Register the site first or correct the id; nothing was changed.")
    {
        UnknownSites = unknown;
    }

    /// <summary>Gets the sites that are not known.</summary>
    public IReadOnlyList<SiteId> UnknownSites { get; }

    internal static void ThrowIfAnyUnknown(string attempted, IEnumerable<SiteId> sites, IReadOnlySet<SiteId> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var unknown = sites.Where(s => !known.Contains(s)).ToArray();
        if (unknown.Length != 0)
        {
            throw new UnknownSiteException(attempted, unknown, known);
        }
    }
}
