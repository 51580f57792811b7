namespace CoProduction.DependencyInjection;

/// <summary>How personal data is protected (<c>ProtectPersonalData</c>).</summary>
public sealed class PersonalDataOptions
{
    /// <summary>
    /// Gets or sets the master key that wraps every stored key (<see cref="Privacy.PersonalDataProtector.KeySize"/> bytes), or
    /// <see langword="null"/> for none. Keep it in the app's secret store, never in the database: with it, a copy of the
    /// database alone opens nothing. It cannot be added or changed once keys are stored.
    /// </summary>
    public byte[]? MasterKey { get; set; }
}
