using System;

namespace CoProduction;

/// <summary>
/// The base of every error the library raises for a rule of the domain or of a store; argument
/// errors (null, empty, out of range) are the framework's <see cref="ArgumentException"/> family.
/// </summary>
public abstract class CoProductionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was attempted, in which state, what is allowed instead and why.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected CoProductionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
