using System;

namespace CoProduction.Protocols;

/// <summary>The one context of a protocol, amendment or deviation command that needs rules: when and by whom, and the rules.</summary>
public sealed record ProtocolContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="stamp">When and by whom; not <c>default</c>.</param>
    /// <param name="rules">The known sites, committee policies and working-day calendar.</param>
    /// <exception cref="ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public ProtocolContext(Stamp stamp, ProtocolRules rules)
    {
        Stamp.Require(stamp);
        Stamp = stamp;
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    /// <summary>Gets when and by whom.</summary>
    public Stamp Stamp { get; }

    /// <summary>Gets the rules.</summary>
    public ProtocolRules Rules { get; }
}
