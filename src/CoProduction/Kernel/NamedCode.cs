using System;
using System.Text.Json;

namespace CoProduction;

/// <summary>Rules for the lower-case codes that name values of open sets.</summary>
internal static class NamedCode
{
    internal static string Require(string? code, string what)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is 0 or > 64)
        {
            throw new ArgumentException($"A {what} code has 1 to 64 characters; '{InputLimitException.Show(code)}' has {code.Length}.", nameof(code));
        }

        foreach (var c in code)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new ArgumentException(
                    $"A {what} code uses lower-case letters, digits and hyphens only; '{InputLimitException.Show(code)}' has U+{(int)c:X4}.", nameof(code));
            }
        }

        return code;
    }

    internal static T Read<T>(ref Utf8JsonReader reader, Func<string, T> create)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} is a JSON string; found {reader.TokenType}.");
        }

        try
        {
            return create(reader.GetString()!);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }
}
