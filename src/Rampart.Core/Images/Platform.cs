namespace Rampart.Core.Images;

/// <summary>An OCI platform: <c>linux/amd64</c>, <c>linux/arm64/v8</c>.</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static Platform LinuxAmd64 { get; } = new("linux", "amd64");

    /// <summary>Parses <c>os/arch[/variant]</c>; throws <see cref="FormatException"/> naming the bad text.</summary>
    public static Platform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new FormatException($"'{text}' is not a platform; expected os/arch[/variant], for example linux/amd64.");
        }

        return new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>Whether an image for <paramref name="candidate"/> runs here: same OS and architecture, and the same variant when this one names one.</summary>
    public bool Accepts(Platform candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return string.Equals(Os, candidate.Os, StringComparison.Ordinal)
            && string.Equals(Architecture, candidate.Architecture, StringComparison.Ordinal)
            && (Variant is null || string.Equals(Variant, candidate.Variant, StringComparison.Ordinal));
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
