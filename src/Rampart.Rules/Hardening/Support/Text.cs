using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

internal static class Text
{
    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Permission bits as <c>ls</c> and <c>chmod</c> write them: <c>4755</c>.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    /// <summary><paramref name="text"/> with every credential <see cref="SecretPatterns"/> recognises redacted, for evidence quoting image text.</summary>
    public static string WithoutSecrets(string text) => SecretRedactor.RedactIn(text, SecretPatterns.Scan(text).Select(m => m.Secret));
}
