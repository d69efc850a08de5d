namespace Rampart.Core.Packages;

/// <summary>The distribution an image is built on, from <c>/etc/os-release</c> and its fallbacks.</summary>
/// <param name="Id">Lower-case id: <c>debian</c>, <c>alpine</c>, <c>rhel</c>.</param>
/// <param name="VersionId">Version: <c>12</c>, <c>3.20.1</c>.</param>
/// <param name="Name">Human name: <c>Debian GNU/Linux</c>.</param>
/// <param name="PrettyName">Name with version, as the distribution writes it.</param>
/// <param name="IdLike">Families it declares itself like.</param>
/// <param name="VersionCodename">Codename: <c>bookworm</c>.</param>
/// <param name="Fields">Every field read, for criteria that look further.</param>
public sealed record OsRelease(
    string Id,
    string? VersionId,
    string? Name,
    string? PrettyName,
    IReadOnlyList<string> IdLike,
    string? VersionCodename,
    IReadOnlyDictionary<string, string> Fields);
