namespace Rampart.Core.Findings;

/// <summary>
/// Hides secret values before they reach a finding. Keeps a short prefix so a reader can tell which credential it is
/// (<c>AKIA****</c>, <c>ghp_****</c>), never enough of it to use.
/// </summary>
public static class SecretRedactor
{
    /// <summary>What replaces the hidden part.</summary>
    public const string Mask = "****";

    /// <summary>Values shorter than this keep no prefix at all.</summary>
    private const int MinimumLengthForPrefix = 12;

    private const int PrefixLength = 4;

    /// <summary>The redacted form of <paramref name="secret"/>: its first four characters and a mask, or only the mask when it is short.</summary>
    public static string Redact(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length < MinimumLengthForPrefix ? Mask : string.Concat(secret.AsSpan(0, PrefixLength), Mask);
    }

    /// <summary>Replaces every occurrence of each of <paramref name="secrets"/> in <paramref name="text"/> by its redacted form.</summary>
    public static string RedactIn(string text, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Redact(secret), StringComparison.Ordinal);
        }

        return text;
    }
}
