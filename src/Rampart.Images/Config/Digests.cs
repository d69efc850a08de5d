namespace Rampart.Images.Config;

/// <summary>Checks of content digests as manifests and configs write them.</summary>
public static class Digests
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Whether <paramref name="digest"/> is <c>sha256:</c> and 64 lowercase hex digits, the only algorithm images use.</summary>
    public static bool IsSha256(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith("sha256:", StringComparison.Ordinal) && !digest.AsSpan(7).ContainsAnyExcept(LowerHex);

    /// <summary>The hex part of a <c>sha256:</c> digest.</summary>
    public static string Hex(string digest) => digest[7..];
}
