using System;

namespace CoProduction.Privacy;

/// <summary>
/// Personal data cannot be sealed or opened because of how protection is set up, not because of one event: the key table
/// is wrapped and no master key (or another one) is configured, or a stored key is damaged. Nothing was read or written.
/// </summary>
public sealed class PersonalDataException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was attempted, what is wrong and what to do.</param>
    /// <param name="innerException">The cryptographic error, if any.</param>
    public PersonalDataException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
