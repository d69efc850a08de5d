namespace Rampart.Catalogers.Apk;

/// <summary>One package of apk's installed database, field letters as in https://wiki.alpinelinux.org/wiki/Apk_spec.</summary>
/// <param name="Name"><c>P</c>.</param>
/// <param name="Version"><c>V</c>.</param>
/// <param name="Architecture"><c>A</c>.</param>
/// <param name="License"><c>L</c>, as written: a space-separated list or an SPDX expression.</param>
/// <param name="Description"><c>T</c>.</param>
/// <param name="Url"><c>U</c>.</param>
/// <param name="Maintainer"><c>m</c>.</param>
/// <param name="Origin"><c>o</c>: the source (aports) package it was built from.</param>
/// <param name="Commit"><c>c</c>: the aports git commit.</param>
/// <param name="Checksum"><c>C</c>: <c>Q1</c> and a base64 SHA-1 of the control segment.</param>
/// <param name="BuildTime"><c>t</c>: Unix time of the build.</param>
/// <param name="Size"><c>S</c>: size of the .apk in bytes.</param>
/// <param name="InstalledSize"><c>I</c>: installed size in bytes.</param>
/// <param name="Dependencies"><c>D</c>: as written, <c>!</c> conflicts and version constraints included.</param>
/// <param name="Provides"><c>p</c>: as written, with <c>=version</c>.</param>
/// <param name="Replaces"><c>r</c>.</param>
/// <param name="Files">Each <c>R</c> under its <c>F</c> directory, with its <c>Z</c> checksum when given.</param>
public sealed record ApkEntry(
    string Name,
    string Version,
    string? Architecture,
    string? License,
    string? Description,
    string? Url,
    string? Maintainer,
    string? Origin,
    string? Commit,
    string? Checksum,
    long? BuildTime,
    long? Size,
    long? InstalledSize,
    IReadOnlyList<string> Dependencies,
    IReadOnlyList<string> Provides,
    IReadOnlyList<string> Replaces,
    IReadOnlyList<ApkFile> Files);

/// <summary>A file an apk package installed.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Checksum"><c>Z</c>: <c>Q1</c> and a base64 SHA-1, when recorded.</param>
public sealed record ApkFile(string Path, string? Checksum);
