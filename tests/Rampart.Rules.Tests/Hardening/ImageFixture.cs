using System.Text;
using Rampart.Core.Dockerfiles;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Core.Images;
using Rampart.Core.Packages;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

/// <summary>
/// Builds image snapshots in memory, layer by layer with their history, the way the layer reader hands them to rules:
/// bytes are kept only for files some hardening rule's <see cref="IRule.ContentGlobs"/> asks for.
/// </summary>
internal sealed class ImageFixture
{
    public const UnixFileMode File644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Exec755 = File644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const UnixFileMode Dir755 = Exec755;

    private static readonly FileSelection Selection = new(HardeningRules.All.SelectMany(r => r.ContentGlobs));

    private readonly List<LayerContents> _layers = [];
    private readonly List<HistoryEntry> _history = [];
    private ImageConfig _config = new();
    private string _reference = "docker-archive:/tmp/image.tar";

    /// <summary>A small Debian-like base: root filesystem layer plus the CMD the official images end with.</summary>
    public static ImageFixture DebianBase() => new ImageFixture()
        .Layer("/bin/sh -c #(nop) ADD file:3a1b2c in / ", files => files
            .Directory("/tmp", Dir755 | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite | UnixFileMode.StickyBit)
            .Directory("/var/tmp", Dir755 | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite | UnixFileMode.StickyBit)
            .Symlink("/bin", "usr/bin")
            .File("/usr/bin/dash", "ELF", Exec755)
            .Symlink("/usr/bin/sh", "dash")
            .File("/usr/bin/bash", "ELF", Exec755)
            .File("/usr/bin/apt-get", "ELF", Exec755)
            .File("/usr/bin/dpkg", "ELF", Exec755)
            .File("/usr/bin/passwd", "ELF", Exec755 | UnixFileMode.SetUser)
            .File("/usr/bin/su", "ELF", Exec755 | UnixFileMode.SetUser)
            .File("/usr/bin/chage", "ELF", Exec755 | UnixFileMode.SetGroup, gid: 42)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
            .File("/etc/group", "root:x:0:\ndaemon:x:1:\nshadow:x:42:\nnogroup:x:65534:\n")
            .File("/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n", File644 & ~UnixFileMode.OtherRead, gid: 42)
            .File("/etc/ssl/certs/ca-certificates.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
        .Step("/bin/sh -c #(nop)  CMD [\"bash\"]");

    public ImageFixture Layer(string createdBy, Action<LayerBuilder> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var layer = new LayerContents(_layers.Count);
        files(new LayerBuilder(layer));
        _history.Add(new HistoryEntry(createdBy, null, null, EmptyLayer: false, Layer: _layers.Count));
        _layers.Add(layer);
        return this;
    }

    /// <summary>A metadata-only history entry (ENV, USER, CMD, ...).</summary>
    public ImageFixture Step(string createdBy)
    {
        _history.Add(new HistoryEntry(createdBy, null, null, EmptyLayer: true, Layer: null));
        return this;
    }

    public ImageFixture Config(Func<ImageConfig, ImageConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _config = change(_config);
        return this;
    }

    public ImageFixture Reference(string reference)
    {
        _reference = reference;
        return this;
    }

    public ImageSnapshot Build()
    {
        var layers = _layers.Select((l, i) => new LayerInfo(i, $"sha256:{i:x64}", null, null, null)).ToList();
        var descriptor = new ImageDescriptor(_reference, null, "sha256:" + new string('c', 64), Platform.LinuxAmd64, _config, layers, _history.ToList(), [], null);
        return new ImageSnapshot(descriptor, _layers.ToList());
    }

    public RuleContext Context(Dockerfile? dockerfile = null, HardeningPolicy? policy = null, IReadOnlyList<Package>? packages = null) =>
        new(Build(), null, packages ?? [], dockerfile, policy ?? HardeningPolicy.Default);

    /// <summary>Runs <paramref name="rule"/> over this image as the scanner does, origins included.</summary>
    public IReadOnlyList<Finding> Evaluate(IRule rule, Dockerfile? dockerfile = null, HardeningPolicy? policy = null, IReadOnlyList<Package>? packages = null) =>
        Context(dockerfile, policy, packages).Evaluate(rule).ToList();

    internal sealed class LayerBuilder(LayerContents layer)
    {
        public LayerBuilder File(string path, string content, UnixFileMode mode = File644, int uid = 0, int gid = 0, FileCapabilities? capabilities = null)
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            var entry = new FileEntry(path, FileKind.Regular, mode, uid, gid, bytes.Length, null, layer.Index) { Capabilities = capabilities };
            layer.Add(entry, Selection.WantsContent(path, bytes.Length) ? bytes : null);
            return this;
        }

        public LayerBuilder Directory(string path, UnixFileMode mode = Dir755)
        {
            layer.Add(new FileEntry(path, FileKind.Directory, mode, 0, 0, 0, null, layer.Index));
            return this;
        }

        public LayerBuilder Symlink(string path, string target)
        {
            layer.Add(new FileEntry(path, FileKind.Symlink, Exec755 | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite, 0, 0, 0, target, layer.Index));
            return this;
        }

        public LayerBuilder Whiteout(string path)
        {
            layer.AddWhiteout(path);
            return this;
        }
    }
}
