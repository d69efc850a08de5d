using System.Text;
using Rampart.Catalogers.Apk;
using Rampart.Catalogers.Chisel;
using Rampart.Catalogers.Distro;
using Rampart.Catalogers.DotNet;
using Rampart.Catalogers.Dpkg;
using Rampart.Catalogers.Java;
using Rampart.Catalogers.Npm;
using Rampart.Catalogers.Php;
using Rampart.Catalogers.Python;
using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Ruby;
using Rampart.Core.Dockerfiles;
using Rampart.Core.Files;

namespace Rampart.Robustness.Tests.Support;

/// <summary>
/// Every parser that reads bytes from an image (or a Dockerfile from a pull request), each driven over the whole of its
/// result, so that a fault hidden in a lazy accessor is reached too. A parser may warn; it must never throw.
/// </summary>
internal static class Parsers
{
    private static readonly int[] RpmTags = [100, 1000, 1001, 1002, 1003, 1004, 1009, 1014, 1022, 1044, 1047, 1048, 1049, 1050, 1112, 1113, 5000];

    public static IReadOnlyDictionary<string, Func<byte[], Action<string>, int>> All { get; } = new Dictionary<string, Func<byte[], Action<string>, int>>(StringComparer.Ordinal)
    {
        ["os-release"] = (bytes, warn) => OsReleaseParser.Parse(Text(bytes), warn).Sum(p => p.Key.Length + p.Value.Length),
        ["dpkg-status"] = (bytes, warn) => DpkgStatusParser.Parse(Text(bytes), warn).Count,
        ["apk-installed"] = (bytes, warn) => ApkDbParser.Parse(Text(bytes), warn).Count,
        ["rpm-header"] = (bytes, warn) => Rpm(bytes, warn),
        ["rpm-sqlite"] = (bytes, warn) => RpmSqliteDatabase.ReadBlobs(bytes, null, warn).Sum(b => Rpm(b, warn)),
        ["chisel-manifest"] = (bytes, warn) => ChiselManifest.Parse(Text(bytes), warn).Sum(p => p.Files.Count + 1),
        ["npm-package-json"] = (bytes, warn) => NpmPackageJson.Parse(bytes, warn) is { } p ? p.Licenses.Count + p.Dependencies.Count + 1 : 0,
        ["python-metadata"] = (bytes, warn) => PythonMetadata.Parse(Text(bytes), warn) is { } p ? p.Licenses.Count + p.Requires.Count + 1 : 0,
        ["deps-json"] = (bytes, warn) => DepsJson.Parse(bytes, warn).Sum(p => p.Dependencies.Count + 1),
        ["java-archive"] = (bytes, warn) => ContentInspection.Inspect([new JavaArchiveInspector()], bytes)?[JavaArchiveInspector.InspectorName] is { } extract
            ? JavaArchive.Read(extract, "/x.jar", warn).Sum(a => a.Licenses.Count + a.Location.Length)
            : 0,
        ["java-manifest"] = (bytes, warn) => JavaManifest.Parse(Text(bytes), warn).All("Implementation-Version").Count(),
        ["pom-properties"] = (bytes, _) => PomProperties.Parse(Text(bytes)) is { } p ? p.ArtifactId.Length + p.Version.Length : 0,
        ["gemspec"] = (bytes, warn) => Gemspec.Parse(Text(bytes), warn) is { } g ? g.Licenses.Count + g.Authors.Count + g.Dependencies.Count + 1 : 0,
        ["composer-installed"] = (bytes, warn) => ComposerInstalled.Parse(bytes, warn).Sum(p => p.Licenses.Count + p.Authors.Count + p.Requires.Count + 1),
        ["debian-copyright"] = (bytes, _) => DebianCopyrightParser.Parse(Text(bytes)).Count,
        ["dockerfile"] = (bytes, _) => Dockerfile(Text(bytes)),
        ["history-created-by"] = (bytes, _) => HistoryInstruction.Parse(Text(bytes)).GetHashCode(),
        ["shell-script"] = (bytes, _) => ShellScript.Split(Text(bytes)).Count,
    };

    /// <summary>Decoded as the catalogers decode files: UTF-8, invalid sequences replaced.</summary>
    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static int Rpm(byte[] blob, Action<string> warn)
    {
        if (RpmHeader.Parse(blob, warn) is not { } header)
        {
            return 0;
        }

        return RpmTags.Sum(tag => header.Texts(tag).Count + header.Numbers(tag).Count + (header.Text(tag)?.Length ?? 0) + (header.Number(tag) ?? 0));
    }

    private static int Dockerfile(string text)
    {
        var parsed = DockerfileParser.Parse(text);
        var count = parsed.Instructions.Sum(i => i.Heredocs.Count + i.Flags.Count + 1) + parsed.Stages.Count + parsed.FinalStageChain().Count;
        foreach (var stage in parsed.Stages)
        {
            count += parsed.ParentOf(stage) is null ? 0 : 1;
            count += ImageName.Parse(stage.BaseImage).GetHashCode() & 1;
        }

        return count;
    }
}
