namespace Rampart.Core.LockIn;

/// <summary>Which family and vendor an image belongs to, and the signals that say so.</summary>
/// <param name="Family">The family the signals point at most specifically.</param>
/// <param name="Vendor">Who builds the image's base: <c>Debian</c>, <c>Chainguard</c>, <c>Docker</c>, <c>Red Hat</c>; <c>none</c> for a static image.</param>
/// <param name="Distro">The distribution under it with its version: <c>debian 12</c>, <c>wolfi 20230201</c>; <c>none</c> when there is none.</param>
/// <param name="Confidence">
/// 0 to 1: one minus the product of (1 − strength) over the signals for the family and for the families it is built on.
/// One os-release id alone gives 0.6; a vendor sentinel file 0.9; agreeing signals raise it.
/// </param>
/// <param name="Signals">Every signal seen, for every family, strongest first.</param>
public sealed record ImageIdentity(
    ImageFamily Family,
    string Vendor,
    string Distro,
    double Confidence,
    IReadOnlyList<IdentitySignal> Signals);

/// <summary>One observation pointing at a family.</summary>
/// <param name="Family">The family it points at.</param>
/// <param name="Kind">Where it was seen.</param>
/// <param name="Evidence">The path, label, field or record as seen.</param>
/// <param name="Strength">0 to 1: how rarely the observation occurs outside the family.</param>
public sealed record IdentitySignal(ImageFamily Family, SignalKind Kind, string Evidence, double Strength);

/// <summary>The kinds of evidence an image carries about its origin.</summary>
public enum SignalKind
{
    OsRelease,
    PackageDatabase,
    Repository,
    Label,
    SentinelFile,
    DefaultUser,
    PackageRecord,
}
