using Rampart.Core.Files;
using Rampart.Core.LockIn;

namespace Rampart.Rules.LockIn.Evidence;

/// <summary>What an image can run with: C library loaders, shells and package managers, from file names alone.</summary>
internal static class Runtime
{
    public static readonly string[] PackageManagers = ["apt-get", "apt", "dpkg", "apk", "dnf", "microdnf", "yum", "tdnf", "rpm", "zypper"];

    public static readonly string[] Shells = ["sh", "bash", "dash", "ash", "busybox", "zsh"];

    private static readonly string[] BinDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    /// <summary>The glibc loaders (<c>ld-linux*.so.*</c>) and musl loaders (<c>ld-musl-*.so.1</c>) that lead to a file.</summary>
    public static (IReadOnlyList<string> Glibc, IReadOnlyList<string> Musl) Loaders(IFileView files)
    {
        var glibc = new List<string>();
        var musl = new List<string>();
        foreach (var entry in files.Entries.Where(e => e.Kind != FileKind.Directory))
        {
            var name = ImagePath.FileName(entry.Path);
            var list = name.StartsWith("ld-musl-", StringComparison.Ordinal) && name.Contains(".so", StringComparison.Ordinal) ? musl
                : name.StartsWith("ld-linux", StringComparison.Ordinal) && name.Contains(".so.", StringComparison.Ordinal) ? glibc
                : null;
            if (list is not null && files.Resolve(entry.Path) is { IsRegular: true })
            {
                list.Add(entry.Path);
            }
        }

        return (glibc, musl);
    }

    public static Libc LibcOf(IFileView files)
    {
        var (glibc, musl) = Loaders(files);
        return (glibc.Count > 0, musl.Count > 0) switch
        {
            (true, true) => Libc.Mixed,
            (true, false) => Libc.Glibc,
            (false, true) => Libc.Musl,
            _ => Libc.None,
        };
    }

    /// <summary>Paths of <c>libc.so.6</c> that lead to a file.</summary>
    public static IReadOnlyList<string> GlibcLibraries(IFileView files) =>
        files.Entries
            .Where(e => e.Kind != FileKind.Directory && ImagePath.FileName(e.Path) == "libc.so.6" && files.Resolve(e.Path) is { IsRegular: true })
            .Select(e => e.Path)
            .ToList();

    /// <summary>Which of <paramref name="names"/> exist as executable files in the usual bin directories.</summary>
    public static IReadOnlyList<string> Present(IFileView files, IEnumerable<string> names) =>
        names.SelectMany(n => BinDirectories.Select(d => $"{d}/{n}"))
            .Where(p => files.Resolve(p) is { IsRegular: true } entry && IsExecutable(entry))
            .Select(ImagePath.FileName)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Regular files with any execute bit: the programs and libraries a scanner would want to attribute.</summary>
    public static IEnumerable<FileEntry> Executables(IFileView files) =>
        files.Entries.Where(e => e.IsRegular && IsExecutable(e));

    private static bool IsExecutable(FileEntry entry) =>
        (entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
