namespace CoProduction;

/// <summary>Which limit of <see cref="InputLimits"/> an input broke.</summary>
public enum InputRule
{
    /// <summary>The value is empty or only white space.</summary>
    Blank = 1,

    /// <summary>The value starts or ends with white space (nothing is trimmed: give it without).</summary>
    Padded,

    /// <summary>The value has more characters than its limit.</summary>
    TooLong,

    /// <summary>The value has a control character (NUL, escape, a new line in an id or a name, ...); free text may hold new lines and tabs only.</summary>
    ControlCharacter,

    /// <summary>The value has a bidirectional override, embedding, isolate or mark (for example U+202E), which makes text display in another order than it is stored.</summary>
    BidiOverride,

    /// <summary>The value has an invisible formatting character (Unicode category Cf: zero-width space, joiner, soft hyphen, byte-order mark, ...).</summary>
    ZeroWidth,

    /// <summary>The value is not well-formed UTF-16: it has a lone surrogate, which no store can keep unchanged.</summary>
    NotWellFormed,

    /// <summary>The list has more items than <see cref="InputLimits.ListCount"/>.</summary>
    TooMany,

    /// <summary>The list has the same item twice.</summary>
    Repeated,

    /// <summary>The value is a number, a date or a name out of its plausible range (for example an approval dated before <see cref="Protocols.Protocol.EarliestDecisionDate"/>).</summary>
    Implausible,
}
