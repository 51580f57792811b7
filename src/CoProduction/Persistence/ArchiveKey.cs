using System;
using System.Security.Cryptography;

namespace CoProduction.Persistence;

/// <summary>
/// A secret key that seals archives with HMAC-SHA256: an archive exported with the key carries a seal over all its
/// content, and an import given the key refuses an archive the key did not seal (unsealed, sealed by another key,
/// or edited after sealing). Keep it where the app keeps its other secrets; the key never appears in an archive.
/// </summary>
public sealed class ArchiveKey
{
    /// <summary>The fewest bytes a key has: 32, the output size of SHA-256.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] key;

    /// <summary>Creates a key from its bytes (copied).</summary>
    /// <param name="key">At least <see cref="MinimumLength"/> random bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than <see cref="MinimumLength"/> bytes.</exception>
    public ArchiveKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength)
        {
            throw new ArgumentException(
                $"An archive key has at least {MinimumLength} bytes; this one has {key.Length}. Generate one with ArchiveKey.Generate() or 32 bytes from a cryptographic random source.",
                nameof(key));
        }

        this.key = key.ToArray();
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(this.key, "coproduction-archive key id"u8)[..8]);
    }

    /// <summary>Gets the key's public id: 16 hexadecimal digits derived from the key, written beside the seal so an import can tell "sealed by another key" from "edited".</summary>
    public string Id { get; }

    /// <summary>Creates a key from its Base64 text, as kept in configuration or a secret store.</summary>
    /// <param name="base64">The key's bytes in Base64.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The text is not Base64, or holds fewer than <see cref="MinimumLength"/> bytes.</exception>
    public static ArchiveKey FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length)
            ? new ArchiveKey(bytes.AsSpan(0, length))
            : throw new ArgumentException("The archive key is not Base64 text.", nameof(base64));
    }

    /// <summary>Generates a new random key of <see cref="MinimumLength"/> bytes.</summary>
    /// <returns>The key.</returns>
    public static ArchiveKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumLength));

    /// <summary>Gets the key as Base64 text, to store it; treat the text as the secret it is.</summary>
    /// <returns>The Base64 text of the key's bytes.</returns>
    public string ToBase64() => Convert.ToBase64String(key);

    /// <summary>Describes the key by its id, never its bytes.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"archive key {Id}";

    /// <summary>Starts an HMAC-SHA256 with the key.</summary>
    internal IncrementalHash CreateHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
}
