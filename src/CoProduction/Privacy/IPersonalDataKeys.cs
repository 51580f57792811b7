namespace CoProduction.Privacy;

/// <summary>
/// The key table of personal data: one key per person (subject), as <see cref="PersonalDataProtector"/> stored it (wrapped
/// under the master key when one is set). Erasing a person is deleting their key. The SQLite and PostgreSQL stores keep it
/// in their own database; <see cref="InMemoryPersonalDataKeys"/> is for tests.
/// </summary>
/// <remarks>Called by the event serializer, on any thread: implementations are thread-safe.</remarks>
public interface IPersonalDataKeys
{
    /// <summary>Finds a person's stored key.</summary>
    /// <param name="subject">The person.</param>
    /// <returns>The stored key, or <see langword="null"/> when there is none (never created, or erased).</returns>
    byte[]? Find(string subject);

    /// <summary>Stores a key for a person unless one is stored already.</summary>
    /// <param name="subject">The person.</param>
    /// <param name="key">The new stored key.</param>
    /// <returns>The key stored for the person after the call: <paramref name="key"/>, or the one stored before.</returns>
    byte[] GetOrAdd(string subject, byte[] key);

    /// <summary>Deletes a person's key, so that nothing sealed under it can be read again.</summary>
    /// <param name="subject">The person.</param>
    /// <returns>Whether a key was deleted.</returns>
    bool Remove(string subject);
}
