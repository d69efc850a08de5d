using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Rules.LockIn;

namespace Rampart.Rules.Tests.LockIn.Support;

/// <summary>An image written in code, file by file, with the packages a cataloger would have found in it.</summary>
internal sealed class TestImage
{
    private const UnixFileMode Readable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable =
        Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly LayerContents _layer = new(0);
    private readonly List<Package> _packages = [];
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly List<HistoryEntry> _history = [];
    private readonly List<string> _env = [];
    private OsRelease? _os;
    private string? _user;
    private IReadOnlyList<string> _entrypoint = [];

    public TestImage(string reference)
    {
        Reference = reference;
    }

    public string Reference { get; }

    public TestImage File(string path, string content = "")
    {
        _layer.Add(new FileEntry(path, FileKind.Regular, Readable, 0, 0, content.Length, null, 0), Encoding.UTF8.GetBytes(content));
        return this;
    }

    public TestImage Program(string path)
    {
        _layer.Add(new FileEntry(path, FileKind.Regular, Executable, 0, 0, 4, null, 0), "\u007fELF"u8.ToArray());
        return this;
    }

    public TestImage Symlink(string path, string target)
    {
        _layer.Add(new FileEntry(path, FileKind.Symlink, Executable, 0, 0, 0, target, 0));
        return this;
    }

    public TestImage Directory(string path)
    {
        _layer.Add(new FileEntry(path, FileKind.Directory, Executable, 0, 0, 0, null, 0));
        return this;
    }

    public TestImage Glibc() =>
        Program("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
            .Program("/usr/lib/x86_64-linux-gnu/libc.so.6")
            .Symlink("/lib64", "usr/lib64")
            .Symlink("/usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");

    public TestImage Musl() => Program("/lib/ld-musl-x86_64.so.1").Symlink("/lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1");

    /// <summary>Writes <c>/etc/os-release</c> and the distribution a cataloger reads from it.</summary>
    public TestImage OsRelease(string text)
    {
        File("/etc/os-release", text);
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
        _os = new OsRelease(
            fields["ID"],
            fields.GetValueOrDefault("VERSION_ID"),
            fields.GetValueOrDefault("NAME"),
            fields.GetValueOrDefault("PRETTY_NAME"),
            fields.TryGetValue("ID_LIKE", out var like) ? like.Split(' ') : [],
            fields.GetValueOrDefault("VERSION_CODENAME"),
            fields);
        return this;
    }

    public TestImage Package(string type, string name, string version, string? supplier = null, string? source = null, params string[] files)
    {
        _packages.Add(new Package
        {
            Name = name,
            Version = version,
            Type = type,
            FoundBy = $"{type}-test",
            Supplier = supplier,
            SourceName = source,
            Files = files,
        });
        return this;
    }

    public TestImage Label(string key, string value)
    {
        _labels[key] = value;
        return this;
    }

    public TestImage User(string user)
    {
        _user = user;
        return this;
    }

    public TestImage Env(string variable)
    {
        _env.Add(variable);
        return this;
    }

    public TestImage Entrypoint(params string[] entrypoint)
    {
        _entrypoint = entrypoint;
        return this;
    }

    public TestImage History(string createdBy, string? comment = null)
    {
        _history.Add(new HistoryEntry(createdBy, null, comment, false, 0));
        return this;
    }

    public ImageSnapshot Snapshot()
    {
        var config = new ImageConfig
        {
            User = _user,
            Env = _env,
            Entrypoint = _entrypoint,
            Labels = new Dictionary<string, string>(_labels, StringComparer.Ordinal),
        };
        var descriptor = new ImageDescriptor(
            Reference,
            null,
            "sha256:" + new string('0', 64),
            Platform.LinuxAmd64,
            config,
            [new LayerInfo(0, "sha256:" + new string('1', 64), null, null, null)],
            _history,
            [Reference],
            null);
        return new ImageSnapshot(descriptor, [_layer]);
    }

    public LockInContext Context(bool? dockerfileBasePinned = null) =>
        LockInEvaluator.CreateContext(Snapshot(), _os, _packages, dockerfileBasePinned);

    public LockInAssessment Assess(bool? dockerfileBasePinned = null) => LockInEvaluator.Assess(Context(dockerfileBasePinned));
}
