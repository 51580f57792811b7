using System;
using System.Security.Cryptography;
using System.Text;

namespace CoProduction.Privacy;

/// <summary>
/// Seals personal values under a key per person (AES-256-GCM) and opens them again while the person's key exists:
/// crypto-shredding. Erasing a person deletes their key, after which every value sealed under it, in every event and every
/// copy of the store, reads as <see cref="PersonalData.ErasedMarker"/>; nothing in an append-only stream has to change.
/// </summary>
/// <remarks>
/// <para>
/// A sealed value is the text <c>v1.</c> followed by the base64 of nonce (12 bytes), tag (16) and ciphertext, with the subject
/// as associated data, so a value moved to another person's field does not open. The nonce is derived from the key and the
/// value, so the same value sealed twice for the same person is the same text (a retried command keeps its fingerprint;
/// equal values of one person can be told equal, nothing more). Keys are 32 random bytes, created on a
/// person's first sealed value and kept in the <see cref="IPersonalDataKeys"/> table; with a master key (32 bytes, from the
/// app's secret store, never from the database) each stored key is itself sealed under it, so a copy of the database
/// alone opens nothing.
/// </para>
/// <para>Thread-safe. Keys are read from the table at each use, so an erasure by another process holds at once.</para>
/// </remarks>
public sealed class PersonalDataProtector
{
    /// <summary>The size of a person's key and of the master key, in bytes.</summary>
    public const int KeySize = 32;

    private const string SealedPrefix = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const byte Plain = 0;
    private const byte Wrapped = 1;

    private readonly byte[]? masterKey;

    /// <summary>Creates a protector over a key table.</summary>
    /// <param name="keys">The key table.</param>
    /// <param name="masterKey">The master key that wraps the stored keys (<see cref="KeySize"/> bytes), or empty for none.</param>
    /// <exception cref="ArgumentException">The master key is neither empty nor <see cref="KeySize"/> bytes long.</exception>
    public PersonalDataProtector(IPersonalDataKeys keys, ReadOnlySpan<byte> masterKey = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!masterKey.IsEmpty && masterKey.Length != KeySize)
        {
            throw new ArgumentException($"A master key is {KeySize} bytes (AES-256); this one is {masterKey.Length}. Generate one with RandomNumberGenerator.GetBytes({KeySize}) and keep it in the app's secret store.", nameof(masterKey));
        }

        Keys = keys;
        this.masterKey = masterKey.IsEmpty ? null : masterKey.ToArray();
    }

    /// <summary>Gets the key table.</summary>
    public IPersonalDataKeys Keys { get; }

    /// <summary>Gets a value indicating whether stored keys are wrapped under a master key.</summary>
    public bool HasMasterKey => masterKey is not null;

    /// <summary>Tells whether a text is a sealed value (as written by <see cref="Seal"/>).</summary>
    /// <param name="value">The text.</param>
    /// <returns><see langword="true"/> when it has the sealed form's prefix.</returns>
    public static bool IsSealed(string value) => value is not null && value.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>Seals a personal value under its person's key, creating the key on first use.</summary>
    /// <param name="subject">The person.</param>
    /// <param name="value">The value.</param>
    /// <returns>The sealed value.</returns>
    /// <exception cref="PersonalDataException">The person's stored key cannot be opened (see <see cref="Open"/>).</exception>
    public string Seal(string subject, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(value);
        var key = Open(subject, Keys.Find(subject) ?? Keys.GetOrAdd(subject, Store(subject, RandomNumberGenerator.GetBytes(KeySize))));
        try
        {
            var plain = Encoding.UTF8.GetBytes(value);
            var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
            var nonce = sealedBytes.AsSpan(0, NonceSize);
            NonceOf(key, plain).AsSpan(0, NonceSize).CopyTo(nonce);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(subject));
            return SealedPrefix + Convert.ToBase64String(sealedBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens a sealed value.</summary>
    /// <param name="subject">The person it was sealed for.</param>
    /// <param name="sealedValue">The sealed value.</param>
    /// <returns>The value, or <see langword="null"/> when the person's key is gone (erased).</returns>
    /// <exception cref="FormatException">The text is not a sealed value, or it is damaged or was sealed for another person (the tag does not match).</exception>
    /// <exception cref="PersonalDataException">The person's stored key cannot be opened (see <see cref="Open"/>).</exception>
    public string? Unseal(string subject, string sealedValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (!IsSealed(sealedValue))
        {
            throw new FormatException($"The value is not sealed personal data (it does not start with '{SealedPrefix}').");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedValue[SealedPrefix.Length..]);
        }
        catch (FormatException ex)
        {
            throw new FormatException("The sealed personal value is not valid base64: it is damaged.", ex);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new FormatException($"The sealed personal value is {sealedBytes.Length} bytes, shorter than its nonce and tag: it is damaged.");
        }

        if (Keys.Find(subject) is not { } stored)
        {
            return null;
        }

        var key = Open(subject, stored);
        try
        {
            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(subject));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new FormatException($"The sealed personal value of '{subject}' does not open under its key: it is damaged, or it was sealed for another person.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Erases a person: deletes their key, so that every value sealed for them reads as <see cref="PersonalData.ErasedMarker"/> from now on.</summary>
    /// <param name="subject">The person.</param>
    /// <returns>Whether a key was deleted (<see langword="false"/> when the person had none or was erased before).</returns>
    public bool Erase(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return Keys.Remove(subject);
    }

    private byte[] Store(string subject, byte[] key)
    {
        if (masterKey is null)
        {
            var plain = new byte[1 + KeySize];
            plain[0] = Plain;
            key.CopyTo(plain, 1);
            CryptographicOperations.ZeroMemory(key);
            return plain;
        }

        var wrapped = new byte[1 + NonceSize + TagSize + KeySize];
        wrapped[0] = Wrapped;
        var nonce = wrapped.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(masterKey, TagSize))
        {
            aes.Encrypt(nonce, key, wrapped.AsSpan(1 + NonceSize + TagSize), wrapped.AsSpan(1 + NonceSize, TagSize), WrapData(subject));
        }

        CryptographicOperations.ZeroMemory(key);
        return wrapped;
    }

    /// <summary>The person's key from its stored form, unwrapping it under the master key when it is wrapped.</summary>
    private byte[] Open(string subject, byte[] stored)
    {
        if (stored.Length == 1 + KeySize && stored[0] == Plain)
        {
            if (masterKey is not null)
            {
                throw new PersonalDataException($"The stored key of '{subject}' is not wrapped, but a master key is configured: the key table was written without one. Configure the protection as it was when the keys were written.");
            }

            return stored.AsSpan(1).ToArray();
        }

        if (stored.Length == 1 + NonceSize + TagSize + KeySize && stored[0] == Wrapped)
        {
            if (masterKey is null)
            {
                throw new PersonalDataException($"The stored key of '{subject}' is wrapped under a master key, and none is configured. Configure the master key the keys were written with.");
            }

            var key = new byte[KeySize];
            try
            {
                using var aes = new AesGcm(masterKey, TagSize);
                aes.Decrypt(stored.AsSpan(1, NonceSize), stored.AsSpan(1 + NonceSize + TagSize), stored.AsSpan(1 + NonceSize, TagSize), key, WrapData(subject));
                return key;
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new PersonalDataException($"The stored key of '{subject}' does not open under the configured master key: it is another master key than the one the keys were written with, or the key table is damaged.", ex);
            }
        }

        throw new PersonalDataException($"The stored key of '{subject}' is {stored.Length} bytes of an unknown form: the key table is damaged or was written by another tool.");
    }

    /// <summary>
    /// The nonce of a value: derived from the key and the value (HMAC-SHA256), so sealing the same value for the same person
    /// twice gives the same text (a retried command decides the same payload and keeps its fingerprint) and two values never
    /// share a nonce.
    /// </summary>
    private static byte[] NonceOf(byte[] key, byte[] plain)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData("coproduction-nonce\n"u8);
        hmac.AppendData(plain);
        return hmac.GetHashAndReset();
    }

    private static byte[] WrapData(string subject) => Encoding.UTF8.GetBytes("coproduction-key:" + subject);
}
